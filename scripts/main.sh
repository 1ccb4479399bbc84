#!/usr/bin/env bash
# The main job (`npm start`): deploys the root Pulumi.yaml program on the
# embedded DirectMail emulator with the real Pulumi engine, shows drift being
# found and put right, and cleans up.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
node dist/scripts/main.js "$@"
