#!/usr/bin/env bash
# A DL4J examples-style loop of model.fit(DataSet) (FitLoop, 1000 calls on Iris) with and without the
# agent, interleaved: median wall time of the loop itself (the program times it), the ratio, and the size
# of the snapshot the run leaves. One ledger for all runs, warmed by a first run: the jars' hashes come
# from its cache, as on a machine that has trained before (a cold first run also hashes every jar of the
# class path on the agent's threads, which competes for the cores). Also the CPU time (user + system) of
# each whole JVM: the machine's drift moves it far less than the wall time, so the agent's added CPU is a
# steadier figure than the ratio when the ratio is within a few per cent of 1. Last, an interval for the
# median paired ratio that says whether the 5 % target is shown to hold.
# Usage: bench/fit-loop.sh [rounds=5] [calls=1000]   (mvn install first)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
rounds="${1:-5}"
calls="${2:-1000}"
agent="$PWD/agent/target/runledger-agent.jar"
target="$PWD/test-apps/dl4j-apps/target"
data="${DATA:-$PWD/test-apps/data/iris.txt}"
cp="$target/dl4j-apps-0.1.0-SNAPSHOT.jar:$(cat "$target/classpath.txt")"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
: > "$work/samples"
java "-javaagent:$agent=dir=$work/ledger" -cp "$cp" io.runledger.apps.dl4j.FitLoop "$data" "$work/out" 10 >/dev/null 2>&1
for round in $(seq "$rounds"); do
  order="none agent"; [ $((round % 2)) -eq 0 ] && order="agent none"   # neither always runs first
  for variant in $order; do
    flags=()
    [ "$variant" = agent ] && flags=("-javaagent:$agent=dir=$work/ledger")
    secs=$(/usr/bin/time -f '%U %S' -o "$work/cpu" java "${flags[@]}" -cp "$cp" io.runledger.apps.dl4j.FitLoop "$data" "$work/out" "$calls" 2>&1 >/dev/null | awk '/^loop seconds/ {print $3}')
    echo "$variant $secs $round $(awk '{print $1 + $2}' "$work/cpu")" >> "$work/samples"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
none=$(awk '$1 == "none" {print $2}' "$work/samples" | median)
with=$(awk '$1 == "agent" {print $2}' "$work/samples" | median)
size=$(ls -lt "$work"/ledger/runs/*.json | head -1 | awk '{print $5}')
echo "fit loop: $calls calls, $rounds interleaved rounds ($(java -version 2>&1 | head -1))"
# each round's agent run against that round's no-agent run: the machine's drift between rounds
# (the no-agent loop alone varies by 10 % or more from round to round) cancels out of the paired ratio
paired=$(awk '{t[$1 " " $3] = $2} END {for (k in t) if (k ~ /^agent /) print t[k] / t["none " substr(k, 7)]}' "$work/samples" | median)
cpu_none=$(awk '$1 == "none" {print $4}' "$work/samples" | median)
cpu_with=$(awk '$1 == "agent" {print $4}' "$work/samples" | median)
cpu_added=$(awk '{c[$1 " " $3] = $4} END {for (k in c) if (k ~ /^agent /) print c[k] - c["none " substr(k, 7)]}' "$work/samples" | median)
awk -v n="$none" -v w="$with" -v p="$paired" -v s="$size" -v cn="$cpu_none" -v cw="$cpu_with" -v ca="$cpu_added" 'BEGIN {
  printf "loop seconds, median: no agent %.3f, agent %.3f, ratio %.3f\n", n, w, w / n
  printf "median of the paired ratios (agent / no agent, each round on its own): %.3f\n", p
  printf "CPU seconds of the whole JVM, median: no agent %.2f, agent %.2f; added by the agent (median of the rounds): %.2f\n", cn, cw, ca
  printf "snapshot of the run: %d bytes\n", s }'
# How far the paired ratios let one go: a distribution-free interval for their median, from order
# statistics (the k-th smallest and k-th largest of n, k as large as keeps the coverage at 90 % or more);
# the 5 % target is shown to hold only when the interval's upper end is under 1.05.
awk '{t[$1 " " $3] = $2} END {for (k in t) if (k ~ /^agent /) print t[k] / t["none " substr(k, 7)]}' "$work/samples" | sort -n | awk '
  {x[NR] = $1}
  END {
    n = NR; k = 0; cov = 0
    for (j = 1; 2 * j <= n; j++) {   # coverage of [x(j), x(n-j+1)] = 1 - 2 P(Binomial(n, 1/2) <= j-1)
      tail = 0; c = 1
      for (i = 0; i < j; i++) { tail += c; c = c * (n - i) / (i + 1) }
      cj = 1 - 2 * tail / 2 ^ n
      if (cj >= 0.9) { k = j; cov = cj }
    }
    if (k == 0) { printf "paired ratios: %d rounds are too few for a 90 %% interval of their median\n", n; exit }
    printf "the median paired ratio lies in [%.3f, %.3f] (%.1f %% distribution-free interval, %d rounds): %s\n", x[k], x[n - k + 1], 100 * cov, n,
      (x[n - k + 1] < 1.05 ? "under the 5 % target" : "the 5 % target is not shown to hold") }'
