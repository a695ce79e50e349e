#!/usr/bin/env bash
# The start-up cost table of issue 19 for the repository's test apps: each case against no agent in the
# same interleaved run (bench/app-overhead.sh, bench/startup.sh), next to its target, and whether it is met.
#   warm     the agent's caches kept from an earlier start of the same job
#   rebuilt  the same, with a fresh copy of the application's jar each round (its code rebuilt, the
#            framework seen before: the issue's "warm")
#   cold     empty caches for every start with the agent (a new user.home and ledger), as a first start
#   nothing  a JVM that trains nothing, against an empty -javaagent
#   flush    the final snapshot's write with a signed ledger (debug=true prints it), a Tribuo job
# Usage: bench/start-targets.sh [rounds=5]   (build first: mvn -B -DskipTests -DskipITs install)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
d="$PWD/test-apps/data"
agent="${AGENT:-$PWD/agent/target/runledger-agent.jar}"
export AGENT="$agent"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# app-overhead.sh rows: app, ms without, ms with, ratio, MB without, MB with, ratio
apps() {   # START module package "Main args" ...
  local start="$1"; shift
  START="$start" bench/app-overhead.sh "$rounds" "$@" </dev/null | awk 'NF == 7 && $2 ~ /^[0-9]+$/'
}
row() {   # case app wall-ratio mb-without mb-with wall-target mb-target
  awk -v c="$1" -v a="$2" -v r="$3" -v m0="$4" -v m1="$5" -v tr="$6" -v tm="$7" 'BEGIN {
    mb = m1 - m0; met = (r <= tr && (tm == "" || mb <= tm)) ? "yes" : "no"
    printf "%-9s %-28s %7.2fx %+8.1f MB   <= %.2fx%s   %s\n", c, a, r, mb, tr, (tm == "" ? "" : sprintf(", <= +%d MB", tm)), met }'
}
printf '%-9s %-28s %8s %11s   %-22s %s\n' case app wall "RSS" target met
for start in warm rebuilt cold; do
  if [ "$start" = cold ]; then target=1.6; mb=""; else target=1.15; mb=30; fi
  apps "$start" tribuo-apps io.runledger.apps.tribuo "BreastCancerLogistic $d/breastcancer.csv OUT" \
    "IrisGridSearch $d/iris.txt OUT" > "$work/t"
  apps "$start" smile-apps io.runledger.apps.smile "IrisRandomForest $d/iris.arff OUT" "CalHousingBoost $d/cal_housing.arff" >> "$work/t"
  while read -r app _ _ ratio m0 m1 _; do row "$start" "$app" "$ratio" "$m0" "$m1" "$target" "$mb"; done < "$work/t"
  dl4j_target=1.05; [ "$start" = cold ] && dl4j_target=1.6
  apps "$start" dl4j-apps io.runledger.apps.dl4j "IrisClassifier $d/iris.txt OUT 10" > "$work/t"
  while read -r app _ _ ratio m0 m1 _; do row "$start" "$app" "$ratio" "$m0" "$m1" "$dl4j_target" "$mb"; done < "$work/t"
done

# a JVM that trains nothing: RunLedger (capture=training) against an empty agent
bench/startup.sh "$((rounds * 3))" </dev/null | awk '$1 == "runledger-training" {
  met = ($4 <= 20) ? "yes" : "no"
  printf "%-9s %-28s %+7.1f ms %+8.1f MB   <= +20 ms (vs an empty agent)   %s\n", "nothing", "hello world", $4, $5, met }'

# the final flush of a Tribuo job into a signed ledger, as debug=true reports it
cp="$PWD/test-apps/tribuo-apps/target/tribuo-apps-0.1.0-SNAPSHOT.jar:$(cat test-apps/tribuo-apps/target/classpath.txt)"
java -jar "$agent" key generate "$work/ledger.key" >/dev/null
for r in $(seq "$rounds"); do
  java "-javaagent:$agent=dir=$work/signed,ledger.signing-key=$work/ledger.key,debug=true" -cp "$cp" \
    io.runledger.apps.tribuo.BreastCancerLogistic "$d/breastcancer.csv" "$work/out" 2>&1 >/dev/null \
    | awk '/flushed run/ {for (i = 1; i <= NF; i++) if ($i == "in") {print $(i + 1); exit}}'
done | sort -n | awk '{a[NR] = $1} END {m = a[int((NR + 1) / 2)]; met = (m <= 20) ? "yes" : "no"
  printf "%-9s %-28s %7.1f ms %11s   <= 20 ms, signed              %s\n", "flush", "BreastCancerLogistic", m, "", met }'
