#!/usr/bin/env bash
# The 10,000-rule cold load as rule authors meet it: `ketcds lint` on the synthetic rule set, each run a fresh process,
# through the tool package `dotnet pack src/KetCds.Cli` makes for this machine (ReadyToRun) and through the plain build
# (JIT only), alternately. Prints each run's wall and CPU seconds (user + system, all threads) and the medians.
#   tests/KetCds.Benchmarks/coldload-tool.sh [runs]          (default 7)
# The synthetic set does not meet the clinical vocabulary contract, so lint reports contract errors; it still reads,
# checks and compiles all 10,000 rules first, which is what this measures (the whole process, startup included).
set -euo pipefail
runs=${1:-7}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$repo"
dotnet build -c Release tests/KetCds.Benchmarks -v q -nologo
dotnet tests/KetCds.Benchmarks/bin/Release/net10.0/KetCds.Benchmarks.dll coldload-write "$work/rules" >/dev/null
dotnet pack src/KetCds.Cli -c Release -o "$work/nupkg" -v q -nologo
dotnet tool install ketcds --tool-path "$work/tool" --add-source "$work/nupkg" >/dev/null
plain="dotnet $repo/src/KetCds.Cli/bin/Release/net10.0/ketcds.dll"
tool="$work/tool/ketcds"

TIMEFORMAT='%R %U %S'
declare -A wall cpu
for ((i = 1; i <= runs; i++)); do
  for build in tool plain; do
    cmd=${!build}
    # lint exits 1 on the contract errors; only the time matters here.
    t=$( { time $cmd lint "$work/rules" --cases "$work/no-cases" >/dev/null 2>&1 || true; } 2>&1 )
    read -r r u s <<<"$t"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    echo "$(date -u +%H:%M:%S) load=$(cut -d' ' -f1 /proc/loadavg) $build: ${r} s wall, ${c} s CPU"
    wall[$build]+="$r "
    cpu[$build]+="$c "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
for build in tool plain; do
  echo "median $build ($runs runs): $(median <<<"${wall[$build]}") s wall, $(median <<<"${cpu[$build]}") s CPU"
done
