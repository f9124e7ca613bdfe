#!/usr/bin/env bash
# Audit durability under SIGKILL (issue 11): Evaluate load against a server that is SIGKILLed every INTERVAL seconds
# and restarted on the same port, for DURATION seconds; then `ketcds audit verify` must pass and the trail must hold at
# least as many records as calls the load driver saw answered OK, and no more than it sent.
#
#   tests/audit/sigkill.sh [--duration 600] [--interval 60] [--concurrency 32] [--store postgres]
#
# Only processes this script started are signalled; everything binds 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
duration=600
interval=60
concurrency=32
store=sqlite
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift ;;
    --interval) interval=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --store) store=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-sigkill.XXXXXX")
server_pid=""
driver_pid=""
cleanup() {
  [[ -n "$driver_pid" ]] && kill -KILL "$driver_pid" 2>/dev/null || true
  [[ -n "$server_pid" ]] && kill -KILL "$server_pid" 2>/dev/null || true
  [[ "$store" == postgres ]] && "$here/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=../load/published.sh
source "$repo/tests/load/published.sh"
echo "publishing server, CLI and load driver (Release) into $work"
ketcds_publish "$work" src/KetCds.Server src/KetCds.Cli tests/KetCds.LoadDriver

if [[ "$store" == postgres ]]; then
  connection=$("$here/postgres.sh" start "$work/pg" | tail -n 1)
else
  connection="Data Source=$work/audit.db"
fi
port=$(ketcds_free_port)
start_server() {
  ketcds_start_on_port "$work" "$1" "$port" --KetCds:Audit:ConnectionString "$connection" \
    --KetCds:Limits:CallsPerSecond 0 --KetCds:Limits:MaxConcurrentCalls 0
}

start_server 0
echo "server on 127.0.0.1:$port, store $store; load for ${duration}s, SIGKILL every ${interval}s"
dotnet "$work/KetCds.LoadDriver/KetCds.LoadDriver.dll" "http://127.0.0.1:$port" "$duration" "$concurrency" >"$work/driver.log" 2>&1 &
driver_pid=$!
kills=0
elapsed=0
while ((elapsed + interval < duration)); do
  sleep "$interval"
  elapsed=$((elapsed + interval))
  kill -KILL "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  kills=$((kills + 1))
  echo "t=${elapsed}s SIGKILL $kills; $(tail -n 1 "$work/driver.log")"
  start_server "$kills"
done
wait "$driver_pid"
driver_pid=""
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
server_pid=""

summary=$(tail -n 1 "$work/driver.log")
echo "load driver: $summary"
sent=$(sed -E 's/.*sent=([0-9]+).*/\1/' <<<"$summary")
ok=$(sed -E 's/.*ok=([0-9]+).*/\1/' <<<"$summary")
cli=(dotnet "$work/KetCds.Cli/ketcds.dll")
verify_store=$connection
[[ "$store" == sqlite ]] && verify_store="$work/audit.db"
"${cli[@]}" audit verify --store "$verify_store" | tee "$work/verify.out"
records=$("${cli[@]}" audit export --store "$verify_store" --format jsonl | wc -l)
echo "SIGKILLs: $kills; calls sent: $sent; answered OK: $ok; audit records: $records"
if ((records < ok)); then echo "FAIL: fewer records than answered calls"; exit 1; fi
if ((records > sent)); then echo "FAIL: more records than calls sent"; exit 1; fi
echo "PASS: chain verifies and $ok <= $records <= $sent"
