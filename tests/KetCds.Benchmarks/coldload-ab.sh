#!/usr/bin/env bash
# The 10,000-rule cold load of two or more builds of this project, alternately, each load a fresh process
# (`coldload-child`): on a shared machine only builds run in turn, close in time, compare. Prints each load's figures
# and, per build, the min / median / max of the load call's wall and CPU milliseconds, MB allocated and methods the JIT
# compiled during the load. Runtime settings are the caller's, e.g. the CLI's: DOTNET_TieredPGO=0 DOTNET_gcConcurrent=0.
#   tests/KetCds.Benchmarks/coldload-ab.sh ROUNDS BUILD_DIR BUILD_DIR [BUILD_DIR...]
# A build dir holds KetCds.Benchmarks.dll: bin/Release/net10.0 copied aside, or a ReadyToRun publish
# (dotnet publish tests/KetCds.Benchmarks -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o DIR).
set -euo pipefail
rounds=$1; shift
[ $# -ge 2 ] || { echo "usage: $0 ROUNDS BUILD_DIR BUILD_DIR [BUILD_DIR...]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet "$1/KetCds.Benchmarks.dll" coldload-write "$work/rules" >/dev/null

for ((r = 1; r <= rounds; r++)); do
  for build in "$@"; do
    figures=$(dotnet "$build/KetCds.Benchmarks.dll" coldload-child "$work/rules" | grep '^figures ')
    echo "$(date -u +%H:%M:%S) load=$(cut -d' ' -f1 /proc/loadavg) $build $figures" | tee -a "$work/all"
  done
done

for build in "$@"; do
  # figures: wall ms, CPU ms, MB allocated, first evaluation ms, methods JIT-compiled
  grep -F " $build figures " "$work/all" | awk -v b="$build" '
    { n++; w[n] = $5; c[n] = $6; m[n] = $7; j[n] = $9 }
    function sortn(a,   i, k, t) { for (i = 2; i <= n; i++) { t = a[i]; for (k = i - 1; k >= 1 && a[k] > t; k--) a[k + 1] = a[k]; a[k + 1] = t } }
    function med(a) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END {
      sortn(w); sortn(c); sortn(m); sortn(j)
      printf "%s (%d loads): wall %.0f / %.0f / %.0f ms, CPU %.0f / %.0f / %.0f ms (min / median / max), %.0f MB, %.0f methods JIT-compiled (medians)\n", b, n, w[1], med(w), w[n], c[1], med(c), c[n], med(m), med(j)
    }'
done
