#!/usr/bin/env bash
# Added wall time and peak RSS of each Smile test app with vs without the agent (medians, ratios).
# Usage: bench/smile-overhead.sh [rounds=5]   (data from test-apps/data, or DATA_DIR)
set -euo pipefail
d="${DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/test-apps/data}"
exec "$(dirname "$0")/app-overhead.sh" "${1:-5}" smile-apps io.runledger.apps.smile \
  "IrisRandomForest $d/iris.arff OUT" \
  "CalHousingBoost $d/cal_housing.arff" \
  "BreastCancerLogisticSmile $d/breastcancer.csv"
