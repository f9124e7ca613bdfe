#!/usr/bin/env bash
# Does code generated per rule (the straight-line baseline, the shipped rules' "limit") scale from 100 to 10,000
# synthetic rules better than the engine? Generates both baselines, compiles them into a separate build of the
# benchmarks, checks them against the engine and times both alternately (DenseLimit.cs).
#   tests/KetCds.Benchmarks/dense-limit.sh [rounds]      (default 9; the build of 7 MB of generated C# takes minutes)
set -euo pipefail
rounds=${1:-9}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$repo"
dotnet build -c Release tests/KetCds.Benchmarks -v q -nologo
dotnet tests/KetCds.Benchmarks/bin/Release/net10.0/KetCds.Benchmarks.dll dense-limit-write "$work/sources"
# Its own output folder, so the normal build's stays as it is (the next normal build compiles this project again).
dotnet build -c Release tests/KetCds.Benchmarks -v q -nologo -p:DenseLimitSources="$work/sources" -o "$work/bin"
DOTNET_TieredCompilation=0 dotnet "$work/bin/KetCds.Benchmarks.dll" dense-limit "$rounds"
