#!/usr/bin/env bash
# DL4J per-iteration overhead: a batch-size-8 training of several thousand iterations, timed by the
# program itself, N rounds alternating without and with the agent; prints the medians and their ratio
# (target <= 1.01). Then the Iris app's whole wall time with and without the agent, and its snapshot size.
# Usage: bench/dl4j-overhead.sh [rounds=5] [epochs=200]   (build first: mvn -B -DskipTests -DskipITs install)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; epochs="${2:-200}"
agent="$PWD/agent/target/runledger-agent.jar"
cp="$PWD/test-apps/dl4j-apps/target/dl4j-apps-0.1.0-SNAPSHOT.jar:$(cat test-apps/dl4j-apps/target/classpath.txt)"
data="${DATA:-test-apps/data/iris.txt}"
[ -f "$data" ] || { echo "needs the Iris data set: DATA=path/to/iris.txt" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

port=$(( 20000 + RANDOM % 20000 ))
for r in $(seq "$rounds"); do
  java -cp "$cp" io.runledger.apps.dl4j.SmallBatchBenchmark "$data" "$epochs" 2>/dev/null | awk '{print $4}' >> "$work/without"
  java -javaagent:"$agent"=dir="$work/ledger" -cp "$cp" io.runledger.apps.dl4j.SmallBatchBenchmark "$data" "$epochs" 2>/dev/null | awk '{print $4}' >> "$work/with"
  # with the metrics endpoint on, scraped every second while it trains
  ( while sleep 1; do curl -s "127.0.0.1:$port/metrics" >/dev/null 2>&1 || true; done ) & scraper=$!
  java -javaagent:"$agent"=dir="$work/ledger",prometheus.port="$port" -cp "$cp" io.runledger.apps.dl4j.SmallBatchBenchmark "$data" "$epochs" 2>/dev/null | awk '{print $4}' >> "$work/metrics"
  kill "$scraper" 2>/dev/null || true
done
w=$(median < "$work/without"); a=$(median < "$work/with"); m=$(median < "$work/metrics")
echo "small-batch training ($epochs epochs of batch 8 after warm-up, $rounds rounds each):"
awk -v w="$w" -v a="$a" -v e="$epochs" 'BEGIN {printf "  without agent %.1f ms, with agent %.1f ms, ratio %.4f (%d iterations)\n", w, a, a / w, e * 19}'
awk -v a="$a" -v m="$m" 'BEGIN {printf "  agent without endpoint %.1f ms, agent with endpoint scraped every 1 s %.1f ms, ratio %.4f\n", a, m, m / a}'

for r in $(seq "$rounds"); do
  for v in without with; do
    flag=""; [ "$v" = with ] && flag="-javaagent:$agent=dir=$work/iris-ledger"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    java $flag -cp "$cp" io.runledger.apps.dl4j.IrisClassifier "$data" "$work/out" 20 >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 )) >> "$work/iris-$v"
  done
done
iw=$(median < "$work/iris-without"); ia=$(median < "$work/iris-with")
size=$(ls -l "$work"/iris-ledger/runs/*.json | awk '{s+=$5; n++} END {printf "%.0f", s / n}')
echo "Iris app (20 epochs), whole JVM wall time: without ${iw} ms, with ${ia} ms (+$(( ia - iw )) ms); snapshot ${size} bytes"
