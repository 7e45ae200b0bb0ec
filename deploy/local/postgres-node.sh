#!/usr/bin/env bash
# A private PostgreSQL cluster on 127.0.0.1, without systemd: its own data folder and port.
#   postgres-node.sh start DIR PORT [--fast]   initialise on first use, start, wait; --fast trades durability for speed (tests only)
#   postgres-node.sh stop DIR                  fast shutdown; after a time-out the server is killed by its PID
#   postgres-node.sh remove DIR                stop, then delete the cluster's data (tests)
# Prints "ready Host=127.0.0.1;Port=PORT;Username=postgres" on success.
#
# PostgreSQL refuses to run as root, so as root it runs as the postgres user. When that user cannot enter DIR (a
# checkout in a home folder), the cluster's data lives under /var/tmp/rehabplatform-postgres instead, and DIR keeps
# a note of where.
set -euo pipefail

cmd=${1:?usage: postgres-node.sh start|stop|remove DIR [PORT] [--fast]}
[ "$cmd" = start ] && mkdir -p "${2:?data folder}"
[ -d "${2:?data folder}" ] || exit 0   # stop or remove of a node that is already gone
dir=$(cd "$2" && pwd)

pgbin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }
as_root=false; [ "$(id -u)" -eq 0 ] && as_root=true

as_owner() {
  if $as_root; then
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

data_location() {
  if [ -f "$dir/data-location" ]; then cat "$dir/data-location"; return; fi
  if $as_root && ! su postgres -s /bin/sh -c "test -x $(printf '%q' "$dir")" 2>/dev/null; then
    echo "/var/tmp/rehabplatform-postgres/$(printf '%s' "$dir" | sha1sum | cut -c1-16)"
  else
    echo "$dir"
  fi
}
home=$(data_location)
data="$home/data"

stop_server() {
  [ -f "$data/postmaster.pid" ] || return 0
  local pid
  pid=$(head -1 "$data/postmaster.pid")
  as_owner timeout 40 "$(pgbin)/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

case "$cmd" in
  start)
    port=${3:-5432}
    "$(dirname "$0")/install-prerequisites.sh"
    echo "$home" > "$dir/data-location"
    mkdir -p "$home"
    if $as_root; then chown -R postgres:postgres "$home"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner mkdir -p "$data"
      as_owner "$(pgbin)/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$data'"
        echo "max_connections = 200"
        if [ "${4:-}" = "--fast" ]; then
          echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
        fi
      } | as_owner tee -a "$data/postgresql.conf" >/dev/null
    fi
    if [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; then
      echo "ready Host=127.0.0.1;Port=$port;Username=postgres"
      exit 0
    fi
    as_owner "$(pgbin)/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 start >/dev/null \
      || { echo "PostgreSQL did not start; see $home/server.log" >&2; tail -5 "$home/server.log" >&2 || true; exit 1; }
    echo "ready Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    stop_server
    ;;
  remove)
    stop_server
    [ "$home" != "$dir" ] && rm -rf "$home"
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres-node.sh start|stop|remove DIR [PORT] [--fast]" >&2
    exit 2
    ;;
esac
