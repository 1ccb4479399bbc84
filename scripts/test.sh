#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, builds or reuses the
# Pulumi CLI, compiles, and runs every test, the real-engine ones included.
# Extra arguments go to jest (for example: npm test -- --selectProjects unit).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/@pulumi/pulumi ] || npm ci --no-audit --no-fund
bin="$(bash scripts/ensure-pulumi.sh | tail -n 1)"
export PULUMI_DIRECTMAIL_BIN="$bin"
npx tsc -p tsconfig.json
# The serialized provider loads the package by name, as it does in a user's
# project; inside this repository the name resolves through this self-link.
ln -sfn .. node_modules/pulumi-directmail

mkdir -p test-results
status=0
npx jest --runInBand --json --outputFile=test-results/jest.json "$@" || status=$?
# A plain closing line that any CI can read.
node -e '
  const r = require("./test-results/jest.json");
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
'
exit "$status"
