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
pin="-Djava.util.concurrent.ForkJoinPool.common.parallelism=0"   # Smile's forest, reproducible
# label | test-apps module | package | "Main args" | java home | JAVA_OPTS
while IFS='|' read -r label module package spec home opts; do
  echo; echo "== $label"
  PATH="${home:+$home/bin:}$PATH" JAVA_OPTS="$opts" bench/app-overhead.sh "$rounds" "$module" "$package" "$spec" </dev/null
done <<ROWS
DL4J 1.0.0-beta7 (oldest)|dl4j-oldest|io.runledger.apps.dl4j|IrisClassifier $data/iris.txt OUT 10||
DL4J 1.0.0-M2.1 (newest)|dl4j-apps|io.runledger.apps.dl4j|IrisClassifier $data/iris.txt OUT 10||
Tribuo 4.2.0 (oldest)|tribuo-oldest|io.runledger.apps.tribuo42|CancerLogistic $data/breastcancer.csv OUT||
Tribuo 4.3.2 (newest)|tribuo-apps|io.runledger.apps.tribuo|BreastCancerLogistic $data/breastcancer.csv OUT||
XGBoost4J 2.0.3 (oldest)|xgboost-oldest|io.runledger.apps.xgboost|AbaloneRegression $data/abalone-train.data $data/abalone-test.data OUT||
XGBoost4J 3.4.0 (newest)|xgboost-apps|io.runledger.apps.xgboost|AbaloneRegression $data/abalone-train.data $data/abalone-test.data OUT||
Smile 3.1.1 (oldest)|smile-apps|io.runledger.apps.smile|IrisRandomForest $data/iris.arff OUT||$pin
Smile 6.3.0 (newest, Java 25)|smile-newest|io.runledger.apps.smile6|IrisForest $data/iris.arff OUT|$java25|$pin
ROWS
echo
echo "(Spark 3.5.9: bench/spark-overhead.sh; 4.2.0 is tested by SparkIT, not benchmarked here)"
