#!/usr/bin/env bash
# The signed ledger's costs (issue 15): what signing and the checkpoint add to a run's final flush, a full
# `verify --key` of a large ledger, one inclusion proof, and `prove` through the CLI (a JVM start included).
# Usage: bench/ledger.sh [runs=10000] [samples=21]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000}"; samples="${2:-21}"
java="${JAVA:-java}"
[ -f agent/target/test-classes/io/runledger/ledger/LedgerBench.class ] || { echo "build first: mvn -B -DskipITs install (compiles the driver)" >&2; exit 2; }
[ -f agent/target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -pl agent -Dmdep.outputFile=target/bench-classpath.txt
classes="$PWD/agent/target/classes:$(cat agent/target/bench-classpath.txt):$PWD/agent/target/test-classes"
work="$(mktemp -d "${TMPDIR:-/tmp}/ledgerbench.XXXXXX")"; trap 'rm -rf "$work"' EXIT
"$java" -cp "$classes" io.runledger.ledger.LedgerBench "$work" "$runs" "$samples"
t0=$(date +%s%N)
"$java" -jar agent/target/runledger-agent.jar prove run-$((runs / 2)) --dir "$work/signed" > /dev/null
t1=$(date +%s%N)
echo "prove RUN through the CLI (JVM start included): $(( (t1 - t0) / 1000000 )) ms"
