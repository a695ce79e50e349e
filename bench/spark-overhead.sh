#!/usr/bin/env bash
# The Spark test app (BreastCancerPipeline: a 4-stage Pipeline fitted, evaluated and saved, and with "cv"
# a 2-fold CrossValidator over a 2x2 grid) on a real local cluster (local-cluster[2,1,1024]: two executor
# JVMs), with and without the agent on the driver and the executors, interleaved. Prints the medians of
# the driver's wall time and peak RSS, and the peak RSS of one executor (the largest of its executors),
# with the ratios. Peak RSS is VmHWM read from /proc every 100 ms while the process lives.
# Usage: bench/spark-overhead.sh [rounds=5] [no-cv|cv]   (mvn install first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
mode="${2:-no-cv}"
agent="$PWD/agent/target/runledger-agent.jar"
target="$PWD/test-apps/spark-apps/target"
cp="$target/spark-apps-0.1.0-SNAPSHOT.jar:$(cat "$target/classpath.txt")"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# a SPARK_HOME of the resolved jars, where Spark's launcher finds them for the executors
mkdir -p "$work/spark/jars" "$work/spark/assembly/target/scala-2.12/jars"
for jar in $(tr ':' '\n' < "$target/classpath.txt"); do
  ln -s "$jar" "$work/spark/jars/"; ln -s "$jar" "$work/spark/assembly/target/scala-2.12/jars/"
done
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.12
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
run() {  # variant -> "wall_seconds driver_kb executor_kb"
  local flags=()
  if [ "$1" = agent ]; then
    flags=("-javaagent:$agent=dir=$work/ledger" "-Dspark.executor.extraJavaOptions=-javaagent:$agent=dir=$work/ledger")
  fi
  local start end pid driver=0 executor=0 h c
  start=$(date +%s.%N)
  java "${opens[@]}" "${flags[@]}" -cp "$cp" io.runledger.apps.spark.BreastCancerPipeline \
    "$PWD/test-apps/data/breastcancer.csv" "$work/out-$1" local-cluster[2,1,1024] "$mode" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    h=$(hwm "$pid"); [ -n "$h" ] && [ "$h" -gt "$driver" ] && driver=$h
    for c in $(pgrep -P "$pid" java || true); do
      h=$(hwm "$c"); [ -n "$h" ] && [ "$h" -gt "$executor" ] && executor=$h
    done
    sleep 0.1
  done
  wait "$pid"
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $driver $executor"
}
run agent > /dev/null   # warm: the hash cache knows the jars afterwards, as on a machine that has trained before
: > "$work/samples"
for round in $(seq "$rounds"); do
  for variant in none agent; do
    echo "$variant $(run $variant)" >> "$work/samples"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v v="$1" -v c="$2" '$1 == v {print $c}' "$work/samples" | median; }
echo "spark app ($mode) on local-cluster[2,1,1024], $rounds interleaved rounds ($(java -version 2>&1 | head -1))"
awk -v nw="$(col none 2)" -v aw="$(col agent 2)" -v nd="$(col none 3)" -v ad="$(col agent 3)" -v ne="$(col none 4)" -v ae="$(col agent 4)" 'BEGIN {
  printf "driver wall seconds, median: no agent %.2f, agent %.2f, ratio %.3f\n", nw, aw, aw / nw
  printf "driver peak RSS, median: no agent %.0f MB, agent %.0f MB, +%.0f MB\n", nd / 1024, ad / 1024, (ad - nd) / 1024
  printf "executor peak RSS (largest), median: no agent %.0f MB, agent %.0f MB, +%.0f MB\n", ne / 1024, ae / 1024, (ae - ne) / 1024 }'
