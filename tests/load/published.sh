# Sourced by tests/audit/sigkill.sh and tests/load/restart.sh: publish the server (and tools) once, start it on a fixed
# loopback port (so a restarted server takes the same address), wait for its listening line.
#   ketcds_publish WORK PROJECT...        dotnet publish each project (repo-relative) into WORK/NAME, Release; with
#                                          KETCDS_PUBLISH_CACHE=DIR, publish into DIR/NAME once and link it (several runs)
#   ketcds_free_port                       prints a free TCP port on 127.0.0.1
#   ketcds_start_on_port WORK TAG PORT ARGS...  starts WORK/KetCds.Server on 127.0.0.1:PORT; sets server_pid

ketcds_published_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

ketcds_publish() {
  local work=$1 project name
  shift
  for project in "$@"; do
    name=$(basename "$project")
    if [[ -n "${KETCDS_PUBLISH_CACHE:-}" ]]; then
      if [[ ! -d "$KETCDS_PUBLISH_CACHE/$name" ]]; then
        mkdir -p "$KETCDS_PUBLISH_CACHE"
        timeout 900 dotnet publish "$ketcds_published_repo/$project/$name.csproj" -c Release -o "$KETCDS_PUBLISH_CACHE/$name" \
          --nologo -v quiet -p:UseAppHost=false >"$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log"; return 1; }
      fi
      ln -s "$KETCDS_PUBLISH_CACHE/$name" "$work/$name"
      continue
    fi
    timeout 900 dotnet publish "$ketcds_published_repo/$project/$name.csproj" -c Release -o "$work/$name" --nologo -v quiet \
      -p:UseAppHost=false >"$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log"; return 1; }
  done
}

ketcds_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

ketcds_start_on_port() {
  local work=$1 tag=$2 port=$3 log="$1/server-$2.log"
  shift 3
  (cd "$work" && exec dotnet "$work/KetCds.Server/KetCds.Server.dll" --rules "$ketcds_published_repo/rules" --host 127.0.0.1 \
    --port "$port" "$@") >"$log" 2>&1 </dev/null &
  server_pid=$!
  for _ in $(seq 1 240); do
    grep -q "KetCds listening on" "$log" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; tail -n 20 "$log"; return 1; }
    sleep 0.25
  done
  echo "server did not start within 60 s"
  return 1
}
