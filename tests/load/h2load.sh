#!/usr/bin/env bash
# Load benchmark of the KetCds server with h2load (Debian: nghttp2-client). Run by hand, not
# by CI; see README.md beside this file for what each mode measures and how to read it.
#
#   tests/load/h2load.sh [bench|soak|reload|flood|all] [--requests N] [--clients N] [--streams N]
#                        [--duration SECONDS] [--warmup SECONDS]
#
# bench   Evaluate against the floor call grpc.health.v1.Health/Check, same settings, same
#         run: req/s of both and their ratio, latency percentiles at half Evaluate's max rate,
#         server RSS before and after. Then the same two calls against the load floor
#         (tests/KetCds.LoadFloor), whose Evaluate replays the real server's recorded response
#         without evaluating, as recorded bytes (copy) and re-serialized per call (serialize):
#         what is left of Evaluate's cost once evaluation, then encoding, are taken out.
# soak    Evaluate at full load for --duration seconds (default 30; 600 for the 10-minute
#         soak), sampling the server's RSS every 10 s.
# reload  Evaluate under load while the rules directory (a copy) is edited 100 times, every
#         other edit deliberately broken; asserts zero failed requests at HTTP and gRPC level.
# flood   --clients connections (use 400) x --streams streams (100) ask for FULL answers with a
#         zero HTTP/2 flow-control window, for --duration seconds, while a well-behaved client
#         calls Evaluate every 0.2 s: server RSS every 5 s, the stalled streams the server
#         reset, and the probe's failures and latency. Not part of all.
# all     bench, reload, then soak.
# audit-ab  Evaluate throughput with the audit trail off, on SQLite and on PostgreSQL (tests/audit/postgres.sh), one
#         server after the other in the same run: the audit trail's cost per call.
# --token-file FILE sends "authorization: Bearer <FILE's token>" with every call (a server with KetCds:Auth:Jwt).
# Every server runs with the rate and concurrency limits off (KetCds:Limits:*=0): they would cap what is measured.
# KETCDS_SERVER_ARGS adds server arguments to every mode but audit-ab, e.g. "--KetCds:Audit:Enabled false" for an A/B
# against a build that has no audit trail (configuration keys a build does not know are ignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}

mode=bench
requests=300000
clients=16
streams=32
duration=30
# Tiered JIT with dynamic PGO keeps improving Evaluate's code for ~1M calls on 2 cores, so the
# warm-up is timed rather than counted; Health's code path is short and warms in seconds.
warmup=45
while [[ $# -gt 0 ]]; do
  case $1 in
    bench|soak|reload|flood|all|audit-ab) mode=$1 ;;
    --token-file) export KETCDS_LOAD_TOKEN; KETCDS_LOAD_TOKEN=$(tr -d '[:space:]' <"$2"); shift ;;
    --requests) requests=$2; shift ;;
    --clients) clients=$2; shift ;;
    --streams) streams=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v h2load >/dev/null || { echo "h2load not found: apt-get install -y nghttp2-client" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-load.XXXXXX")
# shellcheck source=../interop/server.sh
source "$repo/tests/interop/server.sh"
floor_pid=""
trap 'rc=$?; [[ -n "$floor_pid" ]] && kill -KILL "$floor_pid" 2>/dev/null; ketcds_stop_server; ketcds_keep_log; [[ $rc -ne 0 && -f "$server_log" ]] && tail -n 40 "$server_log"; rm -rf "$work"; exit $rc' EXIT

evaluate_path=/ketcds.v1.DecisionSupportService/Evaluate
health_path=/grpc.health.v1.Health/Check
# shellcheck source=grpc-load.sh
source "$here/grpc-load.sh"
failures=0

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
# CPU time (user + system) of the process under load, in clock ticks; the command name has no
# spaces (dotnet). measured_pid is the server, or the load floor while that is measured.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$measured_pid/stat"; }

# report NAME H2LOAD_OUTPUT EXPECTED_FRAME_BYTES: prints req/s and checks success at both
# levels. h2load only sees HTTP status; a gRPC error is still HTTP 200 but ends trailers-only,
# with no DATA. Responses are deterministic, so every OK response is the same frame: DATA
# bytes must equal succeeded x that frame's size (a timed run may also have received frames of requests still in
# flight when it stopped, at most one per stream, and with TIMED set the last of them only in part: a 16 KB answer
# arrives in several DATA frames). Sets NAME_rps (non-alphanumerics -> _).
report() {
  local name=$1 out=$2 frame=$3 timed=${4:-}
  local rps failed errored timeouts data
  succeeded=""
  rps=$(sed -nE 's/^finished in [^,]+, ([0-9.]+) req\/s.*/\1/p' "$out")
  read -r succeeded failed errored timeouts < <(sed -nE \
    's/^requests: .* ([0-9]+) succeeded, ([0-9]+) failed, ([0-9]+) errored, ([0-9]+) timeout.*/\1 \2 \3 \4/p' "$out") || true
  data=$(sed -nE 's/^traffic: .*\(([0-9]+)\) data.*/\1/p' "$out")
  if [[ -z "$rps" || -z "$succeeded" || -z "$data" ]]; then
    echo "$name: could not read h2load's report:"; cat "$out"; failures=$((failures + 1)); return 0
  fi
  local verdict=ok
  local extra=$((data - succeeded * frame))
  local partial=$((extra % frame))
  [[ -n $timed ]] && partial=0
  if [[ $failed -ne 0 || $errored -ne 0 || $timeouts -ne 0 || $succeeded -eq 0 || $extra -lt 0 || $partial -ne 0 \
        || $((extra / frame)) -gt $((clients * streams)) ]]; then
    verdict=FAILED
    failures=$((failures + 1))
  fi
  printf '%-20s %10s req/s  succeeded %s, failed %s, errored %s, timeout %s; gRPC OK (by DATA bytes) %s of %s: %s\n' \
    "$name" "$rps" "$succeeded" "$failed" "$errored" "$timeouts" "$((data / frame))" "$succeeded" "$verdict"
  printf -v "${name//[^a-zA-Z0-9]/_}_rps" '%s' "$rps"
}

# run_h2load NAME PATH BODY EXPECTED_FRAME_BYTES H2LOAD_ARGS...: one bounded h2load run.
run_h2load() {
  local name=$1 path=$2 body=$3 frame=$4
  shift 4
  local ticks0 ticks1
  ticks0=$(cpu_ticks)
  timeout 1800 h2load "${grpc_headers[@]}" -d "$body" "$@" "http://$target$path" >"$work/$name.out" 2>&1 || true
  ticks1=$(cpu_ticks)
  local timed=""
  [[ " $* " == *" -D "* ]] && timed=yes
  report "$name" "$work/$name.out" "$frame" "$timed"
  # CPU per request is less machine- and client-bound than req/s: h2load shares the 2 cores.
  awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="${succeeded:-0}" \
    'BEGIN { if (n > 0) printf "%-20s server CPU %.2f s, %.1f us per request\n", "", t / hz, 1e6 * t / hz / n }'
}

start() {
  local rules=$1
  ketcds_start_server "$work" "$rules"
  measured_pid=$server_pid
  "$python" "$here/loadkit.py" bodies "$work"
  evaluate_frame=$("$python" "$here/loadkit.py" response-size "$target" "$evaluate_path" "$work/evaluate.bin" \
    "$work/evaluate-response.bin")
  health_frame=$("$python" "$here/loadkit.py" response-size "$target" "$health_path" "$work/health.bin")
  echo "request frames: Evaluate $(stat -c %s "$work/evaluate.bin") B, Health/Check 5 B;" \
    "response frames: Evaluate $evaluate_frame B, Health/Check $health_frame B"
}

# measure PREFIX: timed warm-up of both calls, then Evaluate and Health with -n requests each.
measure() {
  local prefix=$1
  run_h2load "${prefix}warmup-evaluate" "$evaluate_path" "$work/evaluate.bin" "$evaluate_frame" -D "$warmup" -c "$clients" -m "$streams" -t 1
  run_h2load "${prefix}warmup-health" "$health_path" "$work/health.bin" "$health_frame" -D 10 -c "$clients" -m "$streams" -t 1
  run_h2load "${prefix}evaluate" "$evaluate_path" "$work/evaluate.bin" "$evaluate_frame" -n "$requests" -c "$clients" -m "$streams" -t 1
  run_h2load "${prefix}health" "$health_path" "$work/health.bin" "$health_frame" -n "$requests" -c "$clients" -m "$streams" -t 1
}

bench() {
  echo "== bench: warm-up ${warmup}s, then -n $requests -c $clients -m $streams -t 1"
  local rss0 rss1
  rss0=$(rss_kb)
  measure ""
  rss1=$(rss_kb)
  local ratio
  ratio=$(awk -v e="$evaluate_rps" -v h="$health_rps" 'BEGIN { printf "%.1f", 100 * e / h }')
  local verdict="met"
  awk -v r="$ratio" 'BEGIN { exit !(r < 60) }' && verdict="NOT met"
  echo "Evaluate / Health floor: $ratio% (goal >= 60%: $verdict)"

  # Latency at half the max rate: h2load's --rps is per client, -m 1 so requests queue in
  # the server rather than in h2load; percentiles come from h2load's per-request log.
  local per_client
  per_client=$(awk -v e="$evaluate_rps" -v c="$clients" 'BEGIN { r = int(e / 2 / c); print (r < 1 ? 1 : r) }')
  local logfile="$work/latency.log"
  run_h2load latency-evaluate "$evaluate_path" "$work/evaluate.bin" "$evaluate_frame" \
    -D 15 --rps "$per_client" -c "$clients" -m 1 -t 1 --log-file "$logfile"
  echo "latency at $((per_client * clients)) req/s (half of max): $("$python" "$here/loadkit.py" latency "$logfile")"
  echo "server RSS: before ${rss0} kB, after $(rss_kb) kB (after measured runs ${rss1} kB)"
  floor copy
  floor serialize
}

# floor MODE: the same measurements against tests/KetCds.LoadFloor, whose Evaluate answers with
# the real server's recorded response without evaluating. MODE copy writes the recorded bytes as
# they are (framing and transport only); serialize has Google.Protobuf's generated code encode the
# parsed response on every call. Their Evaluate/Health ratios bound what any evaluation could reach
# with a response of this size on this protocol layer and machine.
floor() {
  local mode=$1 log="$work/floor-$1.log" line="" saved_target=$target
  echo "== load floor ($mode): Evaluate replays the recorded ${evaluate_frame}-byte response frame, no evaluation"
  if [[ ! -f "$work/floor/KetCds.LoadFloor.dll" ]] && ! timeout 600 dotnet publish "$repo/tests/KetCds.LoadFloor/KetCds.LoadFloor.csproj" \
      -c Release -o "$work/floor" --nologo -v quiet -p:UseAppHost=false >"$work/floor-build.log" 2>&1; then
    tail -n 40 "$work/floor-build.log"; failures=$((failures + 1)); return 0
  fi
  (cd "$work" && exec dotnet "$work/floor/KetCds.LoadFloor.dll" "$mode" "$work/evaluate-response.bin" 0) >"$log" 2>&1 </dev/null &
  floor_pid=$!
  for _ in $(seq 1 120); do
    line=$(grep -m1 -oE 'KetCds listening on http://127\.0\.0\.1:[0-9]+' "$log" 2>/dev/null || true)
    [[ -n "$line" ]] && break
    sleep 0.25
  done
  if [[ -z "$line" ]]; then
    echo "load floor did not start:"; tail -n 20 "$log"; failures=$((failures + 1)); return 0
  fi
  target="127.0.0.1:${line##*:}"
  measured_pid=$floor_pid
  measure "floor-$mode-"
  local evaluate_var="floor_${mode}_evaluate_rps" health_var="floor_${mode}_health_rps"
  echo "load floor ($mode): Evaluate replayed / its Health: $(awk -v e="${!evaluate_var}" -v h="${!health_var}" \
    'BEGIN { printf "%.1f", 100 * e / h }')%; real Evaluate / replayed: $(awk -v e="$evaluate_rps" -v r="${!evaluate_var}" \
    'BEGIN { printf "%.1f", 100 * e / r }')%"
  kill -TERM "$floor_pid" 2>/dev/null || true
  wait "$floor_pid" 2>/dev/null || true
  floor_pid=""
  target=$saved_target
  measured_pid=$server_pid
}

soak() {
  echo "== soak: ${duration}s at full load, -c $clients -m $streams"
  run_h2load_background "$duration" -c "$clients" -m "$streams"
  local t=0 rss max=0 first
  first=$(rss_kb)
  while kill -0 "$h2load_pid" 2>/dev/null && [[ $t -le $((duration + 30)) ]]; do
    rss=$(rss_kb)
    ((rss > max)) && max=$rss
    echo "  t=${t}s RSS ${rss} kB"
    sleep 10
    t=$((t + 10))
  done
  wait_h2load soak
  echo "soak RSS: first ${first} kB, max ${max} kB, last $(rss_kb) kB"
}

# run_h2load_background SECONDS ARGS...: Evaluate for SECONDS in the background.
run_h2load_background() {
  local seconds=$1
  shift
  timeout $((seconds + 60)) h2load "${grpc_headers[@]}" -d "$work/evaluate.bin" -D "$seconds" -t 1 "$@" \
    "http://$target$evaluate_path" >"$work/background.out" 2>&1 &
  h2load_pid=$!
}

# wait_h2load NAME: waits for the background h2load and reports it like run_h2load.
wait_h2load() {
  wait "$h2load_pid" || true
  report "$1" "$work/background.out" "$evaluate_frame" yes
}

flood() {
  echo "== flood: ${clients} connections x ${streams} streams of FULL Evaluate, zero flow-control window, ${duration}s"
  timeout $((duration + 60)) h2load "${grpc_headers[@]}" -d "$work/evaluate-full.bin" -D "$duration" -t 1 \
    -c "$clients" -m "$streams" -w 0 "http://$target$evaluate_path" >"$work/flood.out" 2>&1 &
  h2load_pid=$!
  "$python" "$here/loadkit.py" probe "$target" "$duration" >"$work/probe.out" 2>&1 &
  local probe_pid=$! t=0 rss max=0 first
  first=$(rss_kb)
  while kill -0 "$h2load_pid" 2>/dev/null; do
    rss=$(rss_kb)
    ((rss > max)) && max=$rss
    echo "  t=${t}s RSS ${rss} kB"
    sleep 5
    t=$((t + 5))
  done
  wait "$h2load_pid" || true
  wait "$probe_pid" || true
  sleep 15
  echo "flood RSS: first ${first} kB, max ${max} kB, 15 s after the flood $(rss_kb) kB"
  echo "connections closed for leaving answers unread: $(grep -c '\[2132\]' "$server_log" || true); streams reset: $(grep -c '\[2130\]' "$server_log" || true)"
  echo "calls refused on connections with unread answers: $(grep -c '\[2131\]' "$server_log" || true)"
  echo "flooding client: $(grep -m1 '^requests:' "$work/flood.out" || echo 'no summary')"
  echo "well-behaved client during the flood: $(cat "$work/probe.out")"
  grep -q 'failed=0 ' "$work/probe.out" || failures=$((failures + 1))
}

reload() {
  local rules=$1 file="$1/eligibility.yaml" manifest="$1/ruleset.yaml"
  local original="$work/eligibility.yaml.orig" manifest_original="$work/ruleset.yaml.orig" cites before last restored
  cp "$file" "$original"
  cp "$manifest" "$manifest_original"
  cites=$(grep -m1 -E '^ +cites:' "$original")
  before=$("$python" "$here/loadkit.py" rule-set "$target")
  echo "== reload: 100 edits of a copy of the rules under load (odd: broken, even: a new valid rule set)"
  run_h2load_background 70 -c "$clients" -m 8
  sleep 3
  for i in $(seq 1 100); do
    if ((i % 2 == 1)); then
      # Broken on purpose: a rule that reads a fact the vocabulary does not define.
      { cat "$original"; printf '\n  - id: load.broken-%d\n    title: Deliberately broken\n' "$i"
        printf '    description: Reads a fact the vocabulary does not define.\n%s\n' "$cites"
        printf '    when:\n      no_such_fact_%d: true\n    then:\n      - derive: {chronic_condition: true}\n' "$i"
      } >"$file.tmp"
      mv "$file.tmp" "$file"
    else
      # Valid and different: the manifest description is part of the rule-set hash but not of
      # Evaluate's answer, so each of these is a real swap while response sizes stay the same.
      cp "$original" "$file.tmp"
      mv "$file.tmp" "$file"
      { cat "$manifest_original"; printf '  (load test edit %d)\n' "$i"; } >"$manifest.tmp"
      mv "$manifest.tmp" "$manifest"
    fi
    sleep 0.5
  done
  sleep 2
  last=$("$python" "$here/loadkit.py" rule-set "$target")
  cp "$original" "$file"
  cp "$manifest_original" "$manifest"
  wait_h2load reload-under-load
  sleep 2
  restored=$("$python" "$here/loadkit.py" rule-set "$target")
  echo "rule set (version, hash, last reload): before $before; after the last edit $last; restored $restored"
  if [[ "$last" != *RELOAD_OUTCOME_APPLIED || "${last% *}" == "${before% *}" ]]; then
    echo "the last (valid) edit was not applied as a new rule set"
    failures=$((failures + 1))
  fi
  if [[ "${restored% *}" != "${before% *}" ]]; then
    echo "restoring the original rules did not restore the original rule set"
    failures=$((failures + 1))
  fi
  if ! ketcds_wait_serving 10; then
    echo "after reloads: server not SERVING"
    failures=$((failures + 1))
  fi
  echo "reloads logged by the server: $(grep -c 'Rejected the edited rules' "$server_log" || true) rejected," \
    "$(grep -ciE 'loaded rule set|reloaded|applied' "$server_log" || true) loaded/applied lines"
  echo "server RSS after reloads: $(rss_kb) kB"
}

# audit_ab: Evaluate with the trail off, on SQLite, on PostgreSQL; each server fresh, warmed up, then -n requests.
audit_ab() {
  local pg="" store rps_off=""
  if "$repo/tests/audit/postgres.sh" start "$work/pg" >"$work/pg.out" 2>&1; then
    pg=$(tail -n 1 "$work/pg.out")
  else
    echo "PostgreSQL not available ($(tail -n 1 "$work/pg.out")): measuring off and sqlite only"
  fi
  echo "== audit-ab: warm-up ${warmup}s, then -n $requests -c $clients -m $streams -t 1, per store; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for store in off sqlite postgres; do
    case $store in
      off) ketcds_server_args=("${limits_off[@]}" --KetCds:Audit:Enabled false) ;;
      sqlite) ketcds_server_args=("${limits_off[@]}" --KetCds:Audit:ConnectionString "Data Source=$work/audit-ab.db") ;;
      postgres) [[ -z "$pg" ]] && continue; ketcds_server_args=("${limits_off[@]}" --KetCds:Audit:ConnectionString "$pg") ;;
    esac
    start "$repo/rules"
    run_h2load "ab-$store-warmup" "$evaluate_path" "$work/evaluate.bin" "$evaluate_frame" -D "$warmup" -c "$clients" -m "$streams" -t 1
    run_h2load "ab-$store" "$evaluate_path" "$work/evaluate.bin" "$evaluate_frame" -n "$requests" -c "$clients" -m "$streams" -t 1
    local var="ab_${store}_rps"
    [[ $store == off ]] && rps_off=${!var}
    echo "audit $store: ${!var} req/s, $(awk -v r="${!var}" -v o="$rps_off" 'BEGIN { printf "%.1f", 100 * r / o }')% of the trail off"
    ketcds_stop_server
  done
  [[ -n "$pg" ]] && "$repo/tests/audit/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  return 0
}

ketcds_build_server "$work"
echo "h2load: $(h2load --version | head -n 1); cores: $(nproc)"
case $mode in
  bench) start "$repo/rules"; bench ;;
  soak) start "$repo/rules"; soak ;;
  reload) cp -r "$repo/rules" "$work/rules"; start "$work/rules"; reload "$work/rules" ;;
  # The flood keeps the server's concurrency limit: bounding work in flight is part of what it tests. The per-client
  # rate limit is off, as the flood and the probe share 127.0.0.1 and would share its budget.
  flood) export Logging__LogLevel__KetCds=Debug; ketcds_server_args=(--KetCds:Limits:CallsPerSecond 0 ${KETCDS_FLOOD_ARGS:-}); start "$repo/rules"; flood ;;
  all) cp -r "$repo/rules" "$work/rules"; start "$work/rules"; bench; reload "$work/rules"; soak ;;
  audit-ab) audit_ab ;;
esac

if grep -nE '(^|[^[:alnum:]])(fail|crit):|Unhandled' "$server_log" >"$work/log-errors"; then
  echo "server log holds error lines:"; head -n 20 "$work/log-errors"
  failures=$((failures + 1))
fi
echo "load: $failures failed check(s)"
[[ $failures -eq 0 ]]
