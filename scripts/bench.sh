#!/usr/bin/env bash
# `npm run bench`: sets up as `npm start` does, then runs the benchmark (scripts/bench.ts).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
node dist/scripts/bench.js "$@"
