#!/usr/bin/env bash
# Start-up cost of the agent when nothing is trained: a hello-world JVM run N times each
#   (a) without any agent, (b) with an empty -javaagent jar, (c) with RunLedger (capture=training),
#   (d) with RunLedger capture=always (collects and writes a full snapshot),
#   (e) with RunLedger capture=training and file-read capture off (no JDK file hooks woven in premain),
# printing median wall time, median peak RSS, and the differences against (b).
# Usage: bench/startup.sh [runs=15]   (run ./demo.sh or mvn install first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
java="${JAVA:-java}"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
agent="${AGENT:-$PWD/agent/target/runledger-agent.jar}"   # AGENT=another build, to compare
app_cp="$PWD/test-apps/plain-app/target/plain-app-0.1.0-SNAPSHOT.jar"
[ -f "$agent" ] && [ -f "$app_cp" ] || { echo "build first: mvn -B -DskipTests -DskipITs install" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/empty"
javac -d "$work/empty" bench/empty-agent/EmptyAgent.java
printf 'Premain-Class: EmptyAgent\n' > "$work/manifest"
jar cfm "$work/empty-agent.jar" "$work/manifest" -C "$work/empty" .

# Variants run interleaved (one run of each per round), so that drift in machine load hits all alike.
names=(no-agent empty-agent runledger-training runledger-always files-off)
flags=("" "-javaagent:$work/empty-agent.jar" "-javaagent:$agent=dir=$work/ledger" "-javaagent:$agent=capture=always,dir=$work/ledger"
       "-javaagent:$agent=dir=$work/ledger,instrumentation.files.enabled=false")
: > "$work/samples"
for round in $(seq "$runs"); do
  for v in 0 1 2 3 4; do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    /usr/bin/time -f '%M' -o "$work/rss" "$java" ${flags[$v]} -cp "$app_cp" io.runledger.apps.plain.ExitApp normal >/dev/null 2>"$work/err"
    t1=$(date +%s%N)
    echo "$v $(( (t1 - t0) / 1000 )) $(tail -1 "$work/rss")" >> "$work/samples"
  done
done
echo "runs per variant: $runs, interleaved ($("$java" -version 2>&1 | head -1))"
for v in 0 1 2 3 4; do
  mw=$(awk -v v="$v" '$1 == v {print $2}' "$work/samples" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(awk -v v="$v" '$1 == v {print $3}' "$work/samples" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "${names[$v]} $mw $mr"
done > "$work/results"
awk '
  { name[NR]=$1; wall[NR]=$2/1000.0; rss[NR]=$3/1024.0 }
  END {
    printf "%-20s %12s %12s %14s %14s %10s\n", "variant", "wall ms", "peak RSS MB", "+ms vs empty", "+MB vs empty", "wall ratio"
    for (i = 1; i <= NR; i++)
      printf "%-20s %12.1f %12.1f %14.1f %14.1f %10.3f\n", name[i], wall[i], rss[i], wall[i]-wall[2], rss[i]-rss[2], wall[i]/wall[2]
  }' "$work/results"
