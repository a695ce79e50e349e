#!/usr/bin/env bash
# What the metrics add per training iteration, measured where it happens (this VM's run-to-run noise,
# about ±5%, hides it in whole-run comparisons; bench/dl4j-overhead.sh does those):
#  1. RunMetrics.iteration — the agent's per-iteration metrics work — timed in blocks of a million calls
#     while another thread scrapes the registry every second (median ns per call), and one scrape's time;
#  2. a DL4J batch-8 iteration without the agent, timed by SmallBatchBenchmark (median of N runs);
#  3. the ratio (iteration + metrics work) / iteration, target <= 1.005, and the scrape's share of a core.
# Usage: bench/metrics-overhead.sh [runs=3] [epochs=100]   (build first: mvn -B -DskipITs install)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; epochs="${2:-100}"
flat="$PWD/agent/target/runledger-agent-0.1.0-SNAPSHOT-flat.jar"
tests="$PWD/agent/target/test-classes"
[ -f "$tests/io/runledger/metrics/IterationMetricsCost.class" ] && [ -f "$flat" ] || { echo "build first: mvn -B -DskipITs install" >&2; exit 2; }
cp="$PWD/test-apps/dl4j-apps/target/dl4j-apps-0.1.0-SNAPSHOT.jar:$(cat test-apps/dl4j-apps/target/classpath.txt)"
data="${DATA:-test-apps/data/iris.txt}"
[ -f "$data" ] || { echo "needs the Iris data set: DATA=path/to/iris.txt" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for r in $(seq "$runs"); do
  java -cp "$flat:$tests" io.runledger.metrics.IterationMetricsCost >> "$work/cost"
  java -cp "$cp" io.runledger.apps.dl4j.SmallBatchBenchmark "$data" "$epochs" 2>/dev/null | awk '{print $4 / $2}' >> "$work/iter"
done
ns=$(awk '{print $2}' "$work/cost" | median); scrape=$(awk '{print $8}' "$work/cost" | median); ms=$(median < "$work/iter")
java -version 2>&1 | head -1
awk -v ns="$ns" -v ms="$ms" -v s="$scrape" -v r="$runs" 'BEGIN {
  printf "metrics work per iteration: %.1f ns (median of %d runs x 31 blocks of 1e6 calls, scraped every second meanwhile)\n", ns, r
  printf "DL4J batch-8 iteration without the agent: %.3f ms (median of %d runs)\n", ms, r
  printf "ratio (iteration + metrics) / iteration: %.6f (target <= 1.005)\n", (ms * 1e6 + ns) / (ms * 1e6)
  printf "one scrape: %.0f us, i.e. %.3f%% of one core at one scrape per second\n", s, s / 1e4 }'
