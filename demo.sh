#!/usr/bin/env bash
# Builds the agent, runs a small training job under it and prints the snapshot it left.
# Usage: ./demo.sh [data.csv]   (default: ../shared/data/iris.txt when present, else synthetic data)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests -DskipITs install
data="${1:-../shared/data/iris.txt}"
ledger="$PWD/runledger"
echo "== training under the agent (ledger: $ledger)"
java -javaagent:agent/target/runledger-agent.jar=capture=always,run.name=demo,dir="$ledger" \
     -cp test-apps/plain-app/target/plain-app-0.1.0-SNAPSHOT.jar \
     io.runledger.apps.plain.TinyTrainer "$data"
echo
echo "== java -jar agent/target/runledger-agent.jar show latest --dir $ledger"
java -jar agent/target/runledger-agent.jar show latest --dir "$ledger"
echo
echo "== java -jar agent/target/runledger-agent.jar verify --dir $ledger"
java -jar agent/target/runledger-agent.jar verify --dir "$ledger"
