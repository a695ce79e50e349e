#!/usr/bin/env bash
# Hashing at disk speed: the agent's HashEngine against coreutils' sha256sum, in the same run.
#  1. a generated 1 GB file, cold page cache (evicted with posix_fadvise before each read) and warm;
#     each figure is the median of N runs, the order of the two tools alternating;
#  2. a second run over the unchanged file: fresh JVM, hash cache on disk (target: under 5 ms in the engine);
#  3. 100,000 small files (1-4 KB): files per second, the engine (2 threads, the default) vs sha256sum.
# Prints MB/s and the ratio engine/sha256sum (target >= 0.9). Usage: bench/hash-throughput.sh [runs=3] [size_mb=1024] [small=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; size_mb="${2:-1024}"; small="${3:-100000}"
java="${JAVA:-java}"
classes="$PWD/agent/target/classes:$PWD/agent/target/test-classes"
[ -f agent/target/test-classes/io/runledger/hash/HashThroughput.class ] || { echo "build first: mvn -B -DskipITs install (compiles the driver)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/hashbench.XXXXXX")"; trap 'rm -rf "$work"' EXIT
big="$work/big.bin"
echo "generating ${size_mb} MB ..."
head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$big"; sync
evict() { python3 -c 'import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED); os.close(fd)' "$1"; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
engine() { rm -f "$work/cache.tsv"; "$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$1" | awk '{print $6}'; }
sum() { t0=$(date +%s%N); sha256sum "$1" > /dev/null; t1=$(date +%s%N); ms "$t0" "$t1"; }
: > "$work/cold"; : > "$work/warm"
for r in $(seq "$runs"); do
  for tool in engine sum; do
    [ $((r % 2)) -eq 0 ] && tool=$([ "$tool" = engine ] && echo sum || echo engine)
    evict "$big"
    if [ "$tool" = engine ]; then echo "engine $(engine "$big")" >> "$work/cold"; else echo "sum $(sum "$big")" >> "$work/cold"; fi
    cat "$big" > /dev/null
    if [ "$tool" = engine ]; then echo "engine $(engine "$big")" >> "$work/warm"; else echo "sum $(sum "$big")" >> "$work/warm"; fi
  done
done
"$java" -version 2>&1 | head -1
echo "1 GB-class file: ${size_mb} MB, median of $runs runs (engine time is in-JVM wall time, sha256sum is the whole process)"
for cache in cold warm; do
  e=$(awk '$1 == "engine" {print $2}' "$work/$cache" | median); s=$(awk '$1 == "sum" {print $2}' "$work/$cache" | median)
  awk -v c="$cache" -v e="$e" -v s="$s" -v mb="$size_mb" 'BEGIN {printf "  %s page cache: engine %d ms (%.0f MB/s), sha256sum %d ms (%.0f MB/s), ratio engine/sha256sum throughput %.2f\n", c, e, mb*1000/e, s, mb*1000/s, s/e}'
done
# the unchanged re-run: cache file written by a first run, then a fresh JVM
rm -f "$work/cache.tsv"; "$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$big" > /dev/null
for r in $(seq 5); do "$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$big" | awk '{print $6, $8}'; done > "$work/rerun"
for r in $(seq 5); do "$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$big" warm | awk '{print $6}'; done > "$work/rerun-warm"
echo "  unchanged re-run, fresh JVM, 5 runs: $(awk '{print $1}' "$work/rerun-warm" | median) ms median (cache file loaded + one stat + lookup; the JDK's stat and digest classes already loaded, as in a running agent); $(awk '{print $1}' "$work/rerun" | median) ms including loading those classes in a cold JVM; served from cache: $(awk '{print $2}' "$work/rerun" | head -1)/1"
echo "generating $small small files ..."
python3 bench/small-files.py "$work/small" "$small"
cat "$work"/small/* > /dev/null 2>&1 || find "$work/small" -type f -exec cat {} + > /dev/null
t0=$(date +%s%N); (cd "$work/small" && find . -type f -print0 | xargs -0 sha256sum > /dev/null); t1=$(date +%s%N); s=$(ms "$t0" "$t1")
rm -f "$work/cache.tsv"; e=$("$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$work/small" | awk '{print $6}'); e=${e%.*}
r=$("$java" -cp "$classes" io.runledger.hash.HashThroughput "$work/cache.tsv" 2 "$work/small" warm | awk '{print $6}'); r=${r%.*}
awk -v n="$small" -v e="$e" -v s="$s" -v r="$r" 'BEGIN {printf "%d small files (warm page cache): engine %d ms (%.0f files/s), sha256sum via xargs %d ms (%.0f files/s), ratio %.2f; unchanged re-run from the hash cache %d ms (%.0f files/s)\n", n, e, n*1000/e, s, n*1000/s, s/e, r, n*1000/r}'
