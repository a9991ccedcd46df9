#!/usr/bin/env bash
# Side by side on the same generated capture: `tshark -q -z sip,stat` and `sipreg analyze --format json`.
# Prints both wall times, CPU times, peak resident memory (/usr/bin/time -v) and the ratio.
#
#   benchmarks/compare-tshark.sh [SIP_MESSAGES] [WORK_DIR] [USER_AGENTS]
#
# SIP_MESSAGES defaults to 100000 (about 80 MB); 1000000 gives the ~800 MB capture of the performance targets.
# USER_AGENTS defaults to SIP_MESSAGES / 20; a fixed population (e.g. 5000) makes a bigger capture a longer one,
# which is how to check that memory is bounded by live state rather than by the file.
# The capture comes from the project's generator (`SipReg.Benchmarks generate`, a fleet of user agents with
# challenges, refreshes, failures, DNS and keep-alives) and is reused when it already exists.
set -euo pipefail

messages="${1:-100000}"
work="${2:-${TMPDIR:-/tmp}/sipreg-compare}"
user_agents="${3:-$((messages / 20))}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$work"
capture="$work/fleet-$messages-$user_agents.pcap"

if ! command -v tshark >/dev/null 2>&1; then
  echo "Installing tshark (Debian package)..." >&2
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q tshark >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi

echo "Building (Release)..." >&2
dotnet build -c Release "$root/benchmarks/SipReg.Benchmarks" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/SipReg.Cli" -v q -nologo >/dev/null
bench_dll="$root/benchmarks/SipReg.Benchmarks/bin/Release/net10.0/SipReg.Benchmarks.dll"
cli_dll="$root/src/SipReg.Cli/bin/Release/net10.0/sipreg.dll"

if [ ! -s "$capture" ]; then
  dotnet "$bench_dll" generate --messages "$messages" --user-agents "$user_agents" --out "$capture" >&2
fi
size_mb=$(awk -v b="$(stat -L -c %s "$capture")" 'BEGIN { printf "%.1f", b / 1e6 }')

# Warm the page cache so both tools read from memory.
cat "$capture" >/dev/null

# run NAME OUTPUT COMMAND...: runs under /usr/bin/time -v; sets wall, cpu and rss (KB) for NAME.
run() {
  local name="$1" out="$2"; shift 2
  local log="$work/$name.time"
  local rc=0
  /usr/bin/time -v "$@" >"$out" 2>"$log" || rc=$?
  # sipreg exits 1 when the capture shows a registration problem (the fleet has failing UAs): not an error here.
  if [ "$rc" -gt 1 ]; then echo "$name failed with $rc; see $log" >&2; tail -5 "$log" >&2; exit 1; fi
  local wall user sys
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  user=$(awk -F': ' '/User time/ { print $2 }' "$log")
  sys=$(awk -F': ' '/System time/ { print $2 }' "$log")
  eval "${name}_wall=$wall"
  eval "${name}_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
  eval "${name}_rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")"
}

echo "Capture: $capture ($size_mb MB, $messages SIP messages requested, $user_agents user agents)" >&2
run tshark "$work/tshark-sip-stat.txt" tshark -q -z sip,stat -r "$capture"
run sipreg "$work/sipreg-analyze.json" dotnet "$cli_dll" analyze "$capture" --format json

tshark_msgs=$(awk -F': ' '/Number of SIP messages/ { print $2; exit }' "$work/tshark-sip-stat.txt")
sipreg_msgs=$(tr -d ' \n' < "$work/sipreg-analyze.json" | grep -m1 -o '"messages":{"sip":[0-9]*' | grep -o '[0-9]*$' || echo "?")

printf '\n%-28s %10s %10s %12s %14s\n' "tool" "wall (s)" "cpu (s)" "peak RSS MB" "SIP msgs/s"
for t in tshark sipreg; do
  w="${t}_wall"; c="${t}_cpu"; r="${t}_rss"
  printf '%-28s %10.2f %10.2f %12.1f %14.0f\n' "$t" "${!w}" "${!c}" "$(awk -v k="${!r}" 'BEGIN { print k / 1024 }')" \
    "$(awk -v m="$messages" -v s="${!w}" 'BEGIN { print (s > 0 ? m / s : 0) }')"
done
echo
echo "SIP messages: tshark $tshark_msgs, sipreg $sipreg_msgs"
awk -v a="$tshark_wall" -v b="$sipreg_wall" -v c="$tshark_cpu" -v d="$sipreg_cpu" \
  'BEGIN { printf "Ratio (tshark / sipreg): wall %.2fx, cpu %.2fx\n", a / b, c / d }'
echo "Machine: $(lscpu | awk -F': *' '/Model name/ { print $2; exit }'), $(nproc) cores; load: $(uptime | sed 's/.*load average: //'); $(date -u +%Y-%m-%dT%H:%MZ)"
