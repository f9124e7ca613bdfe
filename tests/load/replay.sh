#!/usr/bin/env bash
# Times `ketcds replay` of generated cases against a local server (issue 10's goal: 10,000 cases in no more than
# 1.1-1.9 s), and the same replay in process for comparison, three runs each.
#
#   tests/load/replay.sh [--count N] [--runs N]
#
# KETCDS_SERVER_CMD runs a given server build instead of publishing src/KetCds.Server (see tests/interop/server.sh);
# KETCDS_CLI_CMD runs a given CLI build instead of publishing src/KetCds.Cli.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
count=10000
runs=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) count=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d)
source "$repo/tests/interop/server.sh"
trap 'rc=$?; ketcds_stop_server; ketcds_keep_log; rm -rf "$work"; exit $rc' EXIT

if [[ -n "${KETCDS_CLI_CMD:-}" ]]; then
  read -r -a cli <<<"$KETCDS_CLI_CMD"
else
  echo "publishing src/KetCds.Cli (Release)"
  timeout 600 dotnet publish "$repo/src/KetCds.Cli/KetCds.Cli.csproj" -c Release -o "$work/cli" --nologo -v quiet -p:UseAppHost=false >"$work/cli-build.log" 2>&1 \
    || { tail -n 40 "$work/cli-build.log"; exit 1; }
  cli=(dotnet "$work/cli/ketcds.dll")
fi

"${cli[@]}" generate-cases --count "$count" --out "$work/cases" --seed 42 --rules "$repo/rules" >/dev/null
echo "generated $(find "$work/cases" -name '*.json' | wc -l) cases (seed 42)"
ketcds_build_server "$work"
ketcds_start_server "$work" "$repo/rules"

# replay_timed LABEL ARGS...: runs the replay $runs times; prints each wall time and fails if any case fails.
replay_timed() {
  local label=$1 started ended
  shift
  for run in $(seq 1 "$runs"); do
    started=$(date +%s.%N)
    if ! "${cli[@]}" replay "$work/cases" "$@" >"$work/replay.out" 2>&1; then
      tail -n 20 "$work/replay.out"
      echo "$label: replay failed" >&2
      return 1
    fi
    ended=$(date +%s.%N)
    printf '%-12s run %d: %.2f s wall (process start included): %s\n' "$label" "$run" "$(echo "$ended - $started" | bc)" "$(grep -m1 '^Replayed ' "$work/replay.out")"
  done
}

replay_timed "server" --server "http://$target"
replay_timed "in process" --rules "$repo/rules"
