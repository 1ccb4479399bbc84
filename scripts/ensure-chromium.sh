#!/usr/bin/env bash
# The web inbox's test drives a real headless browser: Chromium from Debian's
# packages. Installs it when missing (as root, or through sudo); CHROMIUM_PATH
# names another browser instead.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "ensure-chromium: installing Debian's chromium (first run only)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$browser" ] || { echo "ensure-chromium: apt-get installed no $browser" >&2; exit 1; }
