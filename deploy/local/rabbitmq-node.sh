#!/usr/bin/env bash
# A private RabbitMQ node on 127.0.0.1, without systemd: its own data folder, ports and epmd.
#   rabbitmq-node.sh start DIR AMQP_PORT [MANAGEMENT_PORT]   start (or restart on the same data) and wait until ready
#   rabbitmq-node.sh stop DIR                                 graceful stop (killed by PID after a time-out), then the node's epmd
#   rabbitmq-node.sh kill DIR                                 kill -9 the broker (fault tests); data stays
# Prints nothing on success except "ready amqp://guest:guest@127.0.0.1:PORT/ management http://127.0.0.1:MGMT/".
set -euo pipefail

cmd=${1:?usage: rabbitmq-node.sh start|stop|kill DIR [AMQP_PORT [MANAGEMENT_PORT]]}
[ "$cmd" = start ] && mkdir -p "${2:?data folder}"
[ -d "${2:?data folder}" ] || exit 0   # stop or kill of a node whose folder is already gone
dir=$(cd "$2" && pwd)
bin=/usr/lib/rabbitmq/bin

node_env() {
  local port=$1 mgmt=$2
  export HOME="$dir" RABBITMQ_NODENAME="rehab$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$((port + 20000))
  # A private epmd per node, so stopping this node stops only what this script started.
  export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$((port + 10000))
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rabbit.pid"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  : > "$RABBITMQ_CONF_ENV_FILE"
  echo "$port $mgmt" > "$dir/ports"
}

load_ports() {
  [ -f "$dir/ports" ] || { echo "no node in $dir" >&2; exit 1; }
  read -r port mgmt < "$dir/ports"
  node_env "$port" "$mgmt"
}

case "$cmd" in
  start)
    port=${3:-5672}
    mgmt=${4:-$((port + 10000 + 1))}
    "$(dirname "$0")/install-prerequisites.sh"
    node_env "$port" "$mgmt"
    mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    if [ ! -f "$dir/.erlang.cookie" ]; then
      head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/.erlang.cookie"
      chmod 400 "$dir/.erlang.cookie"
    fi
    cat > "$RABBITMQ_CONFIG_FILE" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
loopback_users = none
log.console = false
log.file.level = warning
CONF
    echo "[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    if [ -f "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null; then
      echo "ready amqp://guest:guest@127.0.0.1:$port/ management http://127.0.0.1:$mgmt/"
      exit 0
    fi
    rm -f "$RABBITMQ_PID_FILE"
    "$bin/rabbitmq-server" -detached >"$dir/start.log" 2>&1
    # rabbitmqctl wait can read the pid file while it is being written ("garbage_in_pid_file"): wait for a
    # complete pid first, and give wait a second chance while the node is still alive.
    for _ in $(seq 1 300); do grep -qE '^[0-9]+$' "$RABBITMQ_PID_FILE" 2>/dev/null && break; sleep 0.1; done
    if ! "$bin/rabbitmqctl" wait --timeout 90 "$RABBITMQ_PID_FILE" >>"$dir/start.log" 2>&1 \
      && ! { kill -0 "$(cat "$RABBITMQ_PID_FILE" 2>/dev/null)" 2>/dev/null && sleep 1 \
             && "$bin/rabbitmqctl" wait --timeout 90 "$RABBITMQ_PID_FILE" >>"$dir/start.log" 2>&1; }; then
      echo "RabbitMQ did not start; see $dir/start.log and $RABBITMQ_LOG_BASE" >&2
      tail -5 "$dir/start.log" >&2
      grep -h -m 5 -A 3 "\[error\]" "$RABBITMQ_LOG_BASE"/*.log >&2 || true
      "$0" kill "$dir" >/dev/null 2>&1 || true
      exit 1
    fi
    echo "ready amqp://guest:guest@127.0.0.1:$port/ management http://127.0.0.1:$mgmt/"
    ;;
  stop)
    load_ports
    if [ -f "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null; then
      pid=$(cat "$RABBITMQ_PID_FILE")
      # rabbitmqctl can hang (a node that stopped answering); the node is then ended by its PID.
      timeout 30 "$bin/rabbitmqctl" stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$RABBITMQ_PID_FILE"
    timeout 10 epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
    ;;
  kill)
    load_ports
    if [ -f "$RABBITMQ_PID_FILE" ]; then
      pid=$(cat "$RABBITMQ_PID_FILE")
      kill -9 "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$RABBITMQ_PID_FILE"
    fi
    ;;
  *)
    echo "usage: rabbitmq-node.sh start|stop|kill DIR [AMQP_PORT [MANAGEMENT_PORT]]" >&2
    exit 2
    ;;
esac
