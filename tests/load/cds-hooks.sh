#!/usr/bin/env bash
# Latency of the CDS Hooks patient-view service with a full prefetch, open-loop at a fixed rate
# (default 100 calls/s, the issue's figure), over HTTP/1.1 keep-alive with h2load (Debian:
# nghttp2-client). Run by hand, not by CI:
#
#   tests/load/cds-hooks.sh [--rate N] [--duration SECONDS] [--warmup SECONDS] [--body FILE]
#
# Publishes and starts the server on free loopback ports (tests/interop/server.sh), warms it up
# at the same rate, then measures; prints h2load's summary and the latency percentiles of every
# measured call (client-side, so loopback and h2load's own time are included). The body is the
# request of a recorded hook call (default: the regression patient with the most resources, all
# seven prefetch keys present). Also prints the load average, since the machine is shared.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
rate=100
duration=30
warmup=15
body_file="$repo/tests/cds-hooks/regression/all-risks-combined.json"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) rate=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --body) body_file=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-hooks-load.XXXXXX")
# shellcheck source=../interop/server.sh
source "$repo/tests/interop/server.sh"
trap 'ketcds_stop_server; rm -rf "$work"' EXIT

ketcds_build_server "$work"
ketcds_start_server "$work" "$repo/rules"
[[ -n "$hooks_url" ]] || { echo "the server printed no CDS Hooks address" >&2; exit 1; }

"$python" - "$body_file" "$work/body.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
json.dump(document["request"], open(sys.argv[2], "w"))
prefetch = document["request"].get("prefetch", {})
entries = sum(len(v.get("entry", [])) for v in prefetch.values() if isinstance(v, dict))
print(f"body: {sys.argv[1]} ({len(prefetch)} prefetch keys, {entries} bundle entries)")
PY
url="$hooks_url/ketcds-patient-view"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$url")
[[ $status == 200 ]] || { echo "patient-view answered $status" >&2; exit 1; }

run() {
  h2load --h1 -c 1 --rps "$rate" -D "$1" -d "$work/body.json" -H 'Content-Type: application/json' "$url" "${@:2}"
}
echo "warm-up: ${warmup}s at ${rate}/s"
run "$warmup" >/dev/null
echo "measure: ${duration}s at ${rate}/s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
run "$duration" --log-file="$work/latency.log" | grep -E '^(finished|requests|status codes|time for request)'
"$python" "$here/loadkit.py" latency "$work/latency.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
