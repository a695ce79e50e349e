#!/usr/bin/env bash
# Overhead of recording files read through the JDK: the legacy FileSweep app reads 10,000 small files
# (one by one, Files.readAllBytes) and one 1 GB file (FileInputStream, 1 MiB reads), with and without the
# agent (capture=always, so the whole snapshot is collected and every file hashed), and with the agent
# but file capture off (what the agent costs anyway), and with capture=training (nothing is trained, so
# only the hooks run: the per-read cost on the reading thread, no hashing), interleaved rounds, warm page cache. Prints
# medians of the app's own timings and of the whole JVM (which includes waiting at exit, at most
# flush.timeout, for the last hashes), and the ratios against the run without the agent.
# Usage: bench/file-overhead.sh [runs=5] [size_mb=1024] [small=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; size_mb="${2:-1024}"; small="${3:-10000}"
java="${JAVA:-java}"
agent="$PWD/agent/target/runledger-agent.jar"
target="$PWD/test-apps/legacy-apps/target"
[ -f "$agent" ] && [ -f "$target/classpath.txt" ] || { echo "build first: mvn -B -DskipTests -DskipITs install" >&2; exit 2; }
cp="$target/legacy-apps-0.1.0-SNAPSHOT.jar:$(cat "$target/classpath.txt")"
work="$(mktemp -d "${TMPDIR:-/tmp}/filebench.XXXXXX")"; trap 'rm -rf "$work"' EXIT
echo "generating $small small files and a ${size_mb} MB file ..."
python3 bench/small-files.py "$work/small" "$small"
head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$work/big.bin"
cat "$work/big.bin" > /dev/null
: > "$work/samples"
for r in $(seq 0 "$runs"); do
  for v in plain agent files-off hooks-only; do
    [ "$v" = agent ] && rm -rf "$work/ledger"
    flag=(); [ "$v" = agent ] && flag=("-javaagent:$agent=capture=always,dir=$work/ledger")
    [ "$v" = files-off ] && flag=("-javaagent:$agent=capture=always,dir=$work/ledger-off,instrumentation.files.enabled=false")
    [ "$v" = hooks-only ] && flag=("-javaagent:$agent=dir=$work/ledger-hooks")
    t0=$(date +%s%N)
    out=$("$java" "${flag[@]}" -cp "$cp" io.runledger.apps.legacy.FileSweep "$work/small" "$work/big.bin")
    t1=$(date +%s%N)
    [ "$r" -eq 0 ] && continue   # round 0 warms the page cache and the JIT's files
    echo "$v $(( (t1 - t0) / 1000000 )) $(echo "$out" | awk '{print $8, $10}')" >> "$work/samples"
  done
  [ "$r" -eq 1 ] && [ -d "$work/ledger/runs" ] && python3 -c '
import json,glob,sys
s=json.load(open(glob.glob(sys.argv[1]+"/runs/*.json")[0]))
for d in s["dataSources"]:
    print("  snapshot source:", d["kind"], d["uri"], "files=%s" % d["details"].get("files", 1), "sha256=%s" % (d.get("sha256") or "-")[:16], "bytesRead=%s" % d["details"].get("bytesRead"))
print("  pending at exit:", s["pending"])' "$work/ledger"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
"$java" -version 2>&1 | head -1
echo "median of $runs interleaved runs, warm page cache (ms)"
for col in 2 3 4; do
  name=$([ $col = 2 ] && echo "whole JVM" || ([ $col = 3 ] && echo "10k small files (in app)" || echo "1 GB file (in app)"))
  p=$(awk -v c=$col '$1 == "plain" {print $c}' "$work/samples" | median); a=$(awk -v c=$col '$1 == "agent" {print $c}' "$work/samples" | median)
  o=$(awk -v c=$col '$1 == "files-off" {print $c}' "$work/samples" | median)
  h=$(awk -v c=$col '$1 == "hooks-only" {print $c}' "$work/samples" | median)
  awk -v n="$name" -v p="$p" -v a="$a" -v o="$o" -v h="$h" 'BEGIN {printf "  %-26s no agent %6d | capture=always: agent %6d (%.2fx), file capture off %6d (%.2fx) | hooks only (capture=training, nothing trained) %6d (%.3fx)\n", n, p, a, a/p, o, o/p, h, h/p}'
done
