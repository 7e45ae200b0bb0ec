#!/usr/bin/env bash
# A private PostgreSQL cluster on 127.0.0.1, without systemd: its own data folder and port.
#   postgres-node.sh start DIR PORT [--fast]   initialise on first use, start, wait; --fast trades durability for speed (tests only)
#   postgres-node.sh stop DIR                  fast shutdown
# Prints "ready Host=127.0.0.1;Port=PORT;Username=postgres" on success.
set -euo pipefail

cmd=${1:?usage: postgres-node.sh start|stop DIR [PORT] [--fast]}
dir=$(mkdir -p "${2:?data folder}" && cd "$2" && pwd)

"$(dirname "$0")/install-prerequisites.sh"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
data="$dir/data"

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    port=${3:-5432}
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      as_owner "$pgbin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$data'"
        echo "max_connections = 200"
        if [ "${4:-}" = "--fast" ]; then
          echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
        fi
      } >> "$data/postgresql.conf"
    fi
    if [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; then
      echo "ready Host=127.0.0.1;Port=$port;Username=postgres"
      exit 0
    fi
    as_owner "$pgbin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "ready Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    if [ -f "$data/postmaster.pid" ]; then
      as_owner "$pgbin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: postgres-node.sh start|stop DIR [PORT] [--fast]" >&2
    exit 2
    ;;
esac
