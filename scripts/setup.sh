#!/usr/bin/env bash
# Shared by `npm start` and `npm test`: installs what is missing, builds or
# reuses the Pulumi CLI, compiles, and links the package to its own name.
# Sourced, so PULUMI_DIRECTMAIL_BIN stays exported for the caller.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -d node_modules/@pulumi/pulumi ] || npm ci --no-audit --no-fund
PULUMI_DIRECTMAIL_BIN="$(bash scripts/ensure-pulumi.sh | tail -n 1)"
export PULUMI_DIRECTMAIL_BIN
npx tsc -p tsconfig.json
# The serialized provider loads the package by name, as it does in a user's
# project; inside this repository the name resolves through this self-link.
ln -sfn .. node_modules/pulumi-directmail
# What npm does for an installed package's bin, so `npx directmail-emulator` works here too.
chmod +x dist/emulator/cli.js
ln -sfn ../../dist/emulator/cli.js node_modules/.bin/directmail-emulator
