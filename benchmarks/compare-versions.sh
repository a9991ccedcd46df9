#!/usr/bin/env bash
# Runs the parser benchmarks (SIP, DNS) against an earlier SipReg version and the working tree side by side in one
# BenchmarkDotNet run: the earlier version is the baseline job, so the Ratio column reads "working tree / earlier".
#
#   benchmarks/compare-versions.sh --version 0.0.9                       # SipReg.Sip/SipReg.Dns 0.0.9 from NuGet
#   benchmarks/compare-versions.sh --version 0.0.1 --source DIR           # from a folder of .nupkg files
#   benchmarks/compare-versions.sh --pack COMMIT [--version 0.0.1]        # pack COMMIT into a local folder first
#   ... --long                                                            # BenchmarkDotNet's default jobs, not short runs
#   ... -- --filter '*SipParsing*'                                        # anything after -- goes to BenchmarkDotNet
#
# --pack checks COMMIT out in a temporary git worktree and runs `dotnet pack` for SipReg.Sip and SipReg.Dns with
# /p:VersionPrefix=VERSION into DIR (default: $TMPDIR/sipreg-packages). Versions in the NuGet cache are immutable:
# pack each commit under its own version.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="" source="" commit="" long=""
bdn=()
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --source) source="$2"; shift 2 ;;
    --pack) commit="$2"; shift 2 ;;
    --long) long="--long"; shift ;;
    --) shift; bdn=("$@"); break ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ -n "$commit" ]; then
  version="${version:-0.0.1}"
  source="${source:-${TMPDIR:-/tmp}/sipreg-packages}"
  tree="$(mktemp -d "${TMPDIR:-/tmp}/sipreg-old.XXXXXX")"
  git -C "$root" worktree add --detach "$tree" "$commit" >/dev/null
  for project in SipReg.Sip SipReg.Dns; do
    # PackageReadmeFile cleared: early commits have no package readme.
    dotnet pack -c Release "$tree/src/$project" -o "$source" "/p:VersionPrefix=$version" /p:PackageReadmeFile= -nologo -v q
  done
  git -C "$root" worktree remove --force "$tree"
fi

if [ -z "$version" ]; then
  echo "usage: $0 --version X [--source DIR] | --pack COMMIT [--version X] [-- BenchmarkDotNet arguments]" >&2
  exit 2
fi

args=(compare --version "$version")
if [ -n "$source" ]; then args+=(--source "$source"); fi
if [ -n "$long" ]; then args+=(--long); fi
if [ ${#bdn[@]} -eq 0 ]; then bdn=(--filter '*SipParsing*' '*DnsDecoding*'); fi
cd "$root/benchmarks/SipReg.Benchmarks"
dotnet run -c Release -- "${args[@]}" "${bdn[@]}"
