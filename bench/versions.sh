#!/usr/bin/env bash
# Per-version overhead: each framework's oldest and newest tested release (test-apps/*-oldest, *-apps,
# smile-newest) runs the same kind of program with and without the agent, interleaved; prints the wall and
# peak-RSS medians and ratios per version (bench/app-overhead.sh). Smile 6 runs on the Temurin 25 JDK.
# Usage: bench/versions.sh [rounds=5]   (mvn install first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
data="$PWD/test-apps/data"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
section() { echo; echo "== $1"; }
section "DL4J 1.0.0-beta7 (oldest)"
bench/app-overhead.sh "$rounds" dl4j-oldest io.runledger.apps.dl4j "IrisClassifier $data/iris.txt OUT 10"
section "DL4J 1.0.0-M2.1 (newest)"
bench/app-overhead.sh "$rounds" dl4j-apps io.runledger.apps.dl4j "IrisClassifier $data/iris.txt OUT 10"
section "Tribuo 4.2.0 (oldest)"
bench/app-overhead.sh "$rounds" tribuo-oldest io.runledger.apps.tribuo42 "CancerLogistic $data/breastcancer.csv OUT"
section "Tribuo 4.3.2 (newest)"
bench/app-overhead.sh "$rounds" tribuo-apps io.runledger.apps.tribuo "BreastCancerLogistic $data/breastcancer.csv OUT"
section "XGBoost4J 2.0.3 (oldest)"
bench/app-overhead.sh "$rounds" xgboost-oldest io.runledger.apps.xgboost "AbaloneRegression $data/abalone-train.data $data/abalone-test.data OUT"
section "XGBoost4J 3.4.0 (newest)"
bench/app-overhead.sh "$rounds" xgboost-apps io.runledger.apps.xgboost "AbaloneRegression $data/abalone-train.data $data/abalone-test.data OUT"
section "Smile 3.1.1 (oldest)"
JAVA_OPTS="-Djava.util.concurrent.ForkJoinPool.common.parallelism=0" \
  bench/app-overhead.sh "$rounds" smile-apps io.runledger.apps.smile "IrisRandomForest $data/iris.arff OUT"
section "Smile 6.3.0 (newest, $("$java25/bin/java" -version 2>&1 | head -1))"
PATH="$java25/bin:$PATH" JAVA_OPTS="-Djava.util.concurrent.ForkJoinPool.common.parallelism=0" \
  bench/app-overhead.sh "$rounds" smile-newest io.runledger.apps.smile6 "IrisForest $data/iris.arff OUT"
echo
echo "(Spark 3.5.9: bench/spark-overhead.sh; 4.2.0 is tested by SparkIT, not benchmarked here)"
