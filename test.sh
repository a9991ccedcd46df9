#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then the whole suite.
#   ./test.sh            (CI runs exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

# The HTML report is checked in a real browser: Debian's headless Chromium.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing chromium for the browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: chromium is missing and this user cannot install it: sudo apt-get install chromium" >&2
  fi
fi

dotnet test SipReg.sln -c Release
