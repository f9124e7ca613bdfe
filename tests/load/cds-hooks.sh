#!/usr/bin/env bash
# Latency of the CDS Hooks patient-view service with a full prefetch at a fixed rate
# (default 100 calls/s, the issue's figure), over HTTP/1.1 keep-alive with h2load (Debian:
# nghttp2-client). Run by hand, not by CI:
#
#   tests/load/cds-hooks.sh [--rate N] [--duration SECONDS] [--warmup SECONDS] [--body FILE]
#                           [--gc server|workstation] [--ready-to-run] [--phases] [--floor]
#
# --gc runs the server with that garbage collector (DOTNET_gcServer; the server's own default is
# server GC); --ready-to-run publishes it precompiled (ReadyToRun, for this machine's runtime
# identifier), so the first minute runs optimised code instead of tier-0 code while the JIT
# catches up. Both are there to compare, run by run, what tests/load/README.md reports.
# --phases turns on the server's per-call stage log (CDS Hooks event 6011, Debug) and prints where the
# time of the measured calls went, stage by stage, and what share of the slowest 1% each stage and the
# time outside the handler (Kestrel, thread hops, loopback, h2load) took; the log line per call costs
# the server some CPU, so take the headline figures from a run without it.
# --floor then measures GET /cds-services (the discovery document: no parse, no evaluation, a cached answer) on the
# same connection settings, rate and duration: the latency any call gets from this machine, loopback and h2load at that
# moment. When the floor's p99 is itself above the goal, the run cannot show the goal met or missed.
#
# Publishes and starts the server on free loopback ports (tests/interop/server.sh), warms it up
# at the same rate, then measures; prints h2load's summary and the latency percentiles of every
# measured call (client-side, so loopback and h2load's own time are included), and the server's
# CPU time per measured call (steadier than latency while other work shares the cores). The body
# is the request of a recorded hook call (default: the regression patient with the most resources,
# all seven prefetch keys present). Also prints the load average, since the machine is shared.
# KETCDS_SERVER_CMD runs an already published server instead (see tests/interop/server.sh), and
# the server inherits the environment, so DOTNET_* runtime settings can be compared run by run
# (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1: inline I/O scheduling, see tests/load/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
rate=100
duration=30
warmup=15
body_file="$repo/tests/cds-hooks/regression/all-risks-combined.json"
ready_to_run=0
phases=0
floor=0
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --rate) rate=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --body) body_file=$2; shift ;;
    --gc)
      case $2 in
        server) export DOTNET_gcServer=1 ;;
        workstation) export DOTNET_gcServer=0 ;;
        *) echo "--gc takes server or workstation" >&2; exit 2 ;;
      esac
      shift ;;
    --ready-to-run) ready_to_run=1 ;;
    --phases) phases=1 ;;
    --floor) floor=1 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-hooks-load.XXXXXX")
# The server runs in $work and watches its content root for configuration changes, so the latency log (a line per
# call) is written elsewhere: in $work it cost the server about 0.1 ms of CPU per call in file-watch events.
logs=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-hooks-log.XXXXXX")
# shellcheck source=../interop/server.sh
source "$repo/tests/interop/server.sh"
trap 'ketcds_stop_server; rm -rf "$work" "$logs"' EXIT

if [[ $ready_to_run == 1 ]]; then
  case $(uname -m) in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) echo "--ready-to-run: no runtime identifier known for $(uname -m)" >&2; exit 2 ;;
  esac
  ketcds_publish_args=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
fi
if [[ $phases == 1 ]]; then
  ketcds_server_args+=(--Logging:LogLevel:KetCds.CdsHooks.Internal.Http.CdsHooksEndpoints=Debug)
fi
ketcds_build_server "$work"
echo "server: ${DOTNET_gcServer:+DOTNET_gcServer=$DOTNET_gcServer }${ketcds_publish_args[*]:-plain publish}"
ketcds_start_server "$work" "$repo/rules"
[[ -n "$hooks_url" ]] || { echo "the server printed no CDS Hooks address" >&2; exit 1; }

"$python" - "$body_file" "$logs/body.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
json.dump(document["request"], open(sys.argv[2], "w"))
prefetch = document["request"].get("prefetch", {})
entries = sum(len(v.get("entry", [])) for v in prefetch.values() if isinstance(v, dict))
print(f"body: {sys.argv[1]} ({len(prefetch)} prefetch keys, {entries} bundle entries)")
PY
url="$hooks_url/ketcds-patient-view"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$logs/body.json" "$url")
[[ $status == 200 ]] || { echo "patient-view answered $status" >&2; exit 1; }

run() {
  h2load --h1 -c 1 --rps "$rate" -D "$1" -d "$logs/body.json" -H 'Content-Type: application/json' "$url" "${@:2}"
}
echo "warm-up: ${warmup}s at ${rate}/s"
run "$warmup" >/dev/null
echo "measure: ${duration}s at ${rate}/s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
# CPU time (user + system) of the server, in clock ticks; the command name has no spaces (dotnet).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks0=$(cpu_ticks)
run "$duration" --log-file="$logs/latency.log" | grep -E '^(finished|requests|status codes|time for request)'
ticks1=$(cpu_ticks)
"$python" "$here/loadkit.py" latency "$logs/latency.log"
calls=$(wc -l <"$logs/latency.log")
awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$calls" \
  'BEGIN { if (n > 0) printf "server CPU %.2f s, %.0f us per call\n", t / hz, 1e6 * t / hz / n }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $floor == 1 ]]; then
  echo "floor: GET /cds-services, ${duration}s at ${rate}/s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  h2load --h1 -c 1 --rps "$rate" -D "$duration" "$hooks_url" --log-file="$logs/floor.log" | grep -E '^status codes'
  "$python" "$here/loadkit.py" latency "$logs/floor.log"
fi
if [[ $phases == 1 ]]; then
  sleep 1 # the console logger writes from a queue
  "$python" "$here/loadkit.py" phases "$server_log" "$logs/latency.log"
fi
