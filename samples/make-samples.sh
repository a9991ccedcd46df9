#!/usr/bin/env bash
# Regenerates the sample captures from SipReg's own deterministic generator (documentation addresses only).
# A test (SampleCaptureTests) fails when a committed sample differs from what this script would write.
set -euo pipefail
cd "$(dirname "$0")/.."
sipreg=(dotnet run --project src/SipReg.Cli -c Release --)
"${sipreg[@]}" generate --scenario binding-lapsed -o samples/binding-lapsed.pcap
"${sipreg[@]}" generate --scenario auth-loop-401 -o samples/auth-loop.pcap
"${sipreg[@]}" generate --scenario service-route-ignored --capture-format pcapng -o samples/service-route-ignored.pcapng
"${sipreg[@]}" generate --scenario dns-only-nxdomain -o samples/dns-nxdomain.pcap
