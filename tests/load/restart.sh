#!/usr/bin/env bash
# Graceful shutdown under load (issue 11, section 5): Evaluate load runs while the server is stopped with SIGTERM and
# started again on the same port, RESTARTS times. Every SIGTERMed server must exit 0, and the load driver must see no
# failed call: calls in flight at SIGTERM are finished, and calls made while no server listens are refused at connect
# (never sent, counted apart). The audit trail, shared by every run, must verify and hold a record per answered call.
#
#   tests/load/restart.sh [--duration 60] [--restarts 3] [--concurrency 32] [--grace 30]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
duration=60
restarts=3
concurrency=32
grace=30
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift ;;
    --restarts) restarts=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --grace) grace=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-restart.XXXXXX")
server_pid=""
driver_pid=""
trap '[[ -n "$driver_pid" ]] && kill -KILL "$driver_pid" 2>/dev/null; [[ -n "$server_pid" ]] && kill -KILL "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

# shellcheck source=published.sh
source "$here/published.sh"
echo "publishing server, CLI and load driver (Release) into $work"
ketcds_publish "$work" src/KetCds.Server src/KetCds.Cli tests/KetCds.LoadDriver
port=$(ketcds_free_port)
server_args=(--KetCds:Audit:ConnectionString "Data Source=$work/audit.db" --KetCds:ShutdownGraceSeconds "$grace"
  --KetCds:Limits:CallsPerSecond 0 --KetCds:Limits:MaxConcurrentCalls 0)

ketcds_start_on_port "$work" 0 "$port" "${server_args[@]}"
dotnet "$work/KetCds.LoadDriver/KetCds.LoadDriver.dll" "http://127.0.0.1:$port" "$duration" "$concurrency" >"$work/driver.log" 2>&1 &
driver_pid=$!
gap=$((duration / (restarts + 1)))
bad_exits=0
for i in $(seq 1 "$restarts"); do
  sleep "$gap"
  kill -TERM "$server_pid"
  rc=0
  wait "$server_pid" || rc=$?
  echo "restart $i: SIGTERMed server exited $rc; $(tail -n 1 "$work/driver.log")"
  ((rc == 0)) || bad_exits=$((bad_exits + 1))
  ketcds_start_on_port "$work" "$i" "$port" "${server_args[@]}"
done
wait "$driver_pid"
driver_pid=""
kill -TERM "$server_pid"
wait "$server_pid" || bad_exits=$((bad_exits + 1))
server_pid=""

summary=$(tail -n 1 "$work/driver.log")
failed=$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$summary")
ok=$(sed -E 's/.*ok=([0-9]+).*/\1/' <<<"$summary")
cli=(dotnet "$work/KetCds.Cli/ketcds.dll")
"${cli[@]}" audit verify --store "$work/audit.db"
records=$("${cli[@]}" audit export --store "$work/audit.db" --format jsonl | wc -l)
echo "restarts: $restarts; load driver: $summary; audit records: $records; non-zero exits: $bad_exits"
if ((failed != 0 || bad_exits != 0 || records < ok)); then echo "FAIL"; exit 1; fi
echo "PASS: 0 failed calls across $restarts graceful restarts, every server exited 0, $records records >= $ok answered"
