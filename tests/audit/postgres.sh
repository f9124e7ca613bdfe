#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the audit trail's tests, on 127.0.0.1 and a free port.
#   postgres.sh install      install Debian's postgresql package when it is missing (CI; needs root)
#   postgres.sh start DIR    create and start a cluster in DIR; prints its Npgsql connection string as the last line
#   postgres.sh stop DIR     stop that cluster (fast shutdown) and remove DIR
# Exits non-zero with a one-line reason when PostgreSQL is not installed or cannot start; the tests then skip visibly.
set -euo pipefail

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

# initdb refuses to run as root: run the server as the package's 'postgres' user then.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
  install)
    if bindir >/dev/null; then echo "postgresql already installed"; exit 0; fi
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    ;;
  start)
    dir="${2:?usage: postgres.sh start DIR}"
    bin=$(bindir) || { echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run: tests/audit/postgres.sh install" >&2; exit 3; }
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || { echo "user 'postgres' does not exist" >&2; exit 3; }
      chown postgres "$dir"
      # The owner must be able to reach DIR through its parents (e.g. /tmp/x/y).
      chmod o+x "$(dirname "$dir")" 2>/dev/null || true
    fi
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { echo "initdb failed, see $dir/initdb.log" >&2; exit 4; }
    # Loopback only; the socket lives in DIR so nothing outside it is touched. fsync stays on: the tests prove durability.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null \
      || { echo "pg_ctl start failed, see $dir/server.log" >&2; exit 4; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    if bin=$(bindir) && [[ -f "$dir/data/postmaster.pid" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh install | start DIR | stop DIR" >&2
    exit 2
    ;;
esac
