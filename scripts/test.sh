#!/usr/bin/env bash
# The test command (`npm test`): sets everything up, lints, then runs every
# test, the real-engine ones included. Extra arguments go to jest
# (for example: npm test -- --selectProjects unit).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
bash scripts/ensure-chromium.sh

status=0
echo "lint: ESLint and Prettier"
npm run --silent lint || { status=$?; echo "lint failed (npm run format fixes formatting)"; }

mkdir -p test-results
npx jest --runInBand --json --outputFile=test-results/jest.json "$@" || status=$?
# A plain closing line that any CI can read.
node -e '
  const r = require("./test-results/jest.json");
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
'
exit "$status"
