# Sourced by tests/interop/run.sh and tests/load/h2load.sh: build, start and stop one KetCds
# server on a free loopback port. Sets server_cmd, server_pid, server_log, target.
#
#   KETCDS_SERVER_CMD  run this instead of publishing src/KetCds.Server; it gets
#                      --rules DIR --port 0 --host 127.0.0.1 appended.

ketcds_interop_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ketcds_repo=$(cd "$ketcds_interop_dir/../.." && pwd)
server_pid=""
server_log=""
target=""
# Extra server arguments (an array), e.g. audit or limit settings of a load run.
ketcds_server_args=()
# Extra `dotnet publish` arguments (an array), e.g. a ReadyToRun build of a load run.
ketcds_publish_args=()
hooks_url=""

# ketcds_build_server WORK: publishes the server into WORK/server (Release) once.
ketcds_build_server() {
  local work=$1
  if [[ -n "${KETCDS_SERVER_CMD:-}" ]]; then
    read -r -a server_cmd <<<"$KETCDS_SERVER_CMD"
    return 0
  fi
  echo "publishing src/KetCds.Server (Release)"
  if ! timeout 600 dotnet publish "$ketcds_repo/src/KetCds.Server/KetCds.Server.csproj" -c Release \
      -o "$work/server" --nologo -v quiet -p:UseAppHost=false "${ketcds_publish_args[@]}" >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log"
    echo "server build failed" >&2
    return 1
  fi
  server_cmd=(dotnet "$work/server/KetCds.Server.dll")
}

# ketcds_start_server WORK RULES_DIR: starts the server, waits (bounded) for its listening
# line and for health SERVING; sets server_pid, server_log and target (127.0.0.1:PORT).
ketcds_start_server() {
  local work=$1 rules=$2 line port=""
  server_log="$work/server.log"
  # From the scratch folder, so nothing the server writes lands in the repository.
  (cd "$work" && exec "${server_cmd[@]}" --rules "$rules" --port 0 --host 127.0.0.1 --KetCds:CdsHooks:Port 0 "${ketcds_server_args[@]}") \
    >"$server_log" 2>&1 </dev/null &
  server_pid=$!
  for _ in $(seq 1 240); do
    line=$(grep -m1 -oE 'KetCds listening on http://127\.0\.0\.1:[0-9]+' "$server_log" 2>/dev/null || true)
    if [[ -n "$line" ]]; then
      port=${line##*:}
      break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "server exited before listening" >&2
      return 1
    fi
    sleep 0.25
  done
  if [[ -z "$port" ]]; then
    echo "server printed no 'KetCds listening on http://127.0.0.1:PORT' line within 60 s" >&2
    return 1
  fi
  target="127.0.0.1:$port"
  echo "server listening on $target (pid $server_pid)"
  ketcds_wait_serving 30 || return 1
  # Printed in the same started-callback pass as the gRPC line, so it is there once the server is SERVING.
  hooks_url=$(grep -m1 -oE 'KetCds CDS Hooks on http://127\.0\.0\.1:[0-9]+/cds-services' "$server_log" | sed 's/^KetCds CDS Hooks on //' || true)
  echo "CDS Hooks on ${hooks_url:-none}"
}

# ketcds_keep_log: copies the server log to $KETCDS_SERVER_LOG_COPY when that is set.
ketcds_keep_log() {
  if [[ -n "${KETCDS_SERVER_LOG_COPY:-}" && -f "$server_log" ]]; then
    cp "$server_log" "$KETCDS_SERVER_LOG_COPY"
  fi
}

# ketcds_wait_serving SECONDS: polls grpc.health.v1.Health/Check until SERVING.
ketcds_wait_serving() {
  (cd "$ketcds_interop_dir/python" && PYTHONDONTWRITEBYTECODE=1 \
    timeout $(($1 + 30)) "${PYTHON:-/usr/bin/python3}" wait_serving.py "$target" "$1")
}

# ketcds_stop_server: SIGTERM, then SIGKILL after 5 s; only the process this script started.
ketcds_stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
