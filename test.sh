#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then the whole suite.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test SipReg.sln -c Release
