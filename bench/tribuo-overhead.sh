#!/usr/bin/env bash
# Added wall time and peak RSS of each Tribuo test app with vs without the agent (medians, ratios).
# Tribuo jobs are short, so this is mostly the agent's start-up and arming cost.
# Usage: bench/tribuo-overhead.sh [rounds=5]   (data from test-apps/data, or DATA_DIR)
set -euo pipefail
d="${DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/test-apps/data}"
exec "$(dirname "$0")/app-overhead.sh" "${1:-5}" tribuo-apps io.runledger.apps.tribuo \
  "BreastCancerLogistic $d/breastcancer.csv OUT" \
  "AbaloneTransformRegression $d/abalone-train.data $d/abalone-test.data OUT" \
  "IrisGridSearch $d/iris.txt OUT"
