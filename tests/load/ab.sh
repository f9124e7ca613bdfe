#!/usr/bin/env bash
# Paired A/B of two server builds with h2load (Debian: nghttp2-client): both run at once, are warmed
# the same way, then Evaluate (and Health/Check) alternate between them round by round, so a shared
# machine's changing load falls on both alike. Prints each round's req/s and server CPU per call, and
# the median over rounds of new/old throughput and CPU. Run by hand, not by CI (README.md beside this file).
#
#   KETCDS_BASELINE_CMD="dotnet /tmp/old/KetCds.Server.dll" KETCDS_SERVER_CMD="dotnet /tmp/new/KetCds.Server.dll" \
#     tests/load/ab.sh [--rounds N] [--seconds S] [--warmup S] [--clients N] [--streams N]
#
# KETCDS_SERVER_ARGS adds arguments to both servers (a build ignores configuration keys it does not know), e.g.
# "--KetCds:Audit:Enabled false" to compare a build that has no audit trail with one whose trail is off.
# Both run with the rate and concurrency limits off (KetCds:Limits:*=0): they would cap what is measured.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
rounds=6
seconds=20
warmup=45
clients=16
streams=32
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --clients) clients=$2; shift ;;
    --streams) streams=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v h2load >/dev/null || { echo "h2load not found: apt-get install -y nghttp2-client" >&2; exit 1; }
[[ -n "${KETCDS_BASELINE_CMD:-}" && -n "${KETCDS_SERVER_CMD:-}" ]] \
  || { echo "set KETCDS_BASELINE_CMD (old build) and KETCDS_SERVER_CMD (new build); see --help" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-ab.XXXXXX")
# shellcheck source=../interop/server.sh
source "$repo/tests/interop/server.sh"
pids=()
trap 'rc=$?; for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true;
  if [[ $rc -ne 0 ]]; then for l in "$work"/*/server.log; do [[ -f $l ]] && { echo "== $l"; tail -n 20 "$l"; }; done; fi; rm -rf "$work"' EXIT
# shellcheck source=grpc-load.sh
source "$here/grpc-load.sh"

declare -A pid_of target_of
for build in old new; do
  mkdir -p "$work/$build"
  if [[ $build == old ]]; then read -r -a server_cmd <<<"$KETCDS_BASELINE_CMD"; else read -r -a server_cmd <<<"$KETCDS_SERVER_CMD"; fi
  ketcds_start_server "$work/$build" "$repo/rules"
  pids+=("$server_pid")
  pid_of[$build]=$server_pid
  target_of[$build]=$target
  echo "$build: ${server_cmd[*]} on $target (pid $server_pid)"
done
"$python" "$here/loadkit.py" bodies "$work"

# run BUILD PATH BODY SECONDS: prints "req/s cpu-us-per-call" of one h2load run against BUILD.
run() {
  local build=$1 path=$2 body=$3 secs=$4 out t0 t1 n rps
  t0=$(awk '{print $14 + $15}' "/proc/${pid_of[$build]}/stat")
  out=$(timeout $((secs + 60)) h2load "${grpc_headers[@]}" -d "$body" -D "$secs" -c "$clients" -m "$streams" -t 1 \
    "http://${target_of[$build]}$path" 2>&1 || true)
  t1=$(awk '{print $14 + $15}' "/proc/${pid_of[$build]}/stat")
  n=$(sed -nE 's/^requests: .* ([0-9]+) succeeded.*/\1/p' <<<"$out")
  rps=$(sed -nE 's/^finished in .*s, ([0-9.]+) req\/s.*/\1/p' <<<"$out")
  if [[ -z "$n" || "$n" -eq 0 ]] || grep -qE '^requests: .* [1-9][0-9]* failed' <<<"$out"; then
    echo "h2load against $build failed:" >&2; tail -n 8 <<<"$out" >&2; exit 1
  fi
  awk -v r="$rps" -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.0f %.1f\n", r, 1e6 * t / hz / n }'
}

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

compare() {
  local name=$1 path=$2 body=$3 r a b ratios="" cpus=""
  echo "== $name: warm-up ${warmup}s each, then $rounds rounds of ${seconds}s alternating (-c $clients -m $streams -t 1)"
  run old "$path" "$body" "$warmup" >/dev/null
  run new "$path" "$body" "$warmup" >/dev/null
  for r in $(seq 1 "$rounds"); do
    # Alternate which build goes first, so neither always follows the other's effect on the machine.
    if ((r % 2)); then read -r -a a < <(run old "$path" "$body" "$seconds"); read -r -a b < <(run new "$path" "$body" "$seconds")
    else read -r -a b < <(run new "$path" "$body" "$seconds"); read -r -a a < <(run old "$path" "$body" "$seconds"); fi
    ratios+="$(awk -v x="${b[0]}" -v y="${a[0]}" 'BEGIN { printf "%.1f", 100 * x / y }')"$'\n'
    cpus+="$(awk -v x="${b[1]}" -v y="${a[1]}" 'BEGIN { printf "%.1f", 100 * x / y }')"$'\n'
    printf '  round %d: old %6s req/s %6s us/call | new %6s req/s %6s us/call | load %s\n' \
      "$r" "${a[0]}" "${a[1]}" "${b[0]}" "${b[1]}" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  echo "$name: new/old throughput, median of rounds: $(printf '%s' "$ratios" | median)%;" \
    "new/old server CPU per call: $(printf '%s' "$cpus" | median)%"
}

compare Evaluate /ketcds.v1.DecisionSupportService/Evaluate "$work/evaluate.bin"
compare Health/Check /grpc.health.v1.Health/Check "$work/health.bin"
for build in old new; do
  echo "$build RSS after the runs: $(awk '/^VmRSS:/ {print $2}' "/proc/${pid_of[$build]}/status") kB"
done
