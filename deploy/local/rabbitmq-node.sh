#!/usr/bin/env bash
# A private RabbitMQ node on 127.0.0.1, without systemd: its own data folder, ports and epmd.
#   rabbitmq-node.sh start DIR AMQP_PORT [MANAGEMENT_PORT [EPMD_PORT]]
#                                                             start (or restart on the same data) and wait until ready
#   rabbitmq-node.sh cluster DIR AMQP_PORT [NODES]            NODES (3) nodes in DIR/node1.. on AMQP_PORT, +1, +2 (management
#                                                             +10001 each), one shared epmd (AMQP_PORT+10000), joined into one
#                                                             cluster; node1 is the seed. Restart a killed node with start DIR/nodeN.
#   rabbitmq-node.sh stop DIR                                 graceful stop (killed by PID after a time-out), then the node's
#                                                             epmd; on a cluster folder, every node, then the shared epmd
#   rabbitmq-node.sh kill DIR                                 kill -9 the broker (fault tests); data stays
# Prints nothing on success except "ready amqp://guest:guest@127.0.0.1:PORT/ management http://127.0.0.1:MGMT/" (one line per node).
set -euo pipefail

cmd=${1:?usage: rabbitmq-node.sh start|cluster|stop|kill DIR [AMQP_PORT [MANAGEMENT_PORT [EPMD_PORT]]]}
[ "$cmd" = start ] || [ "$cmd" = cluster ] && mkdir -p "${2:?data folder}"
[ -d "${2:?data folder}" ] || exit 0   # stop or kill of a node whose folder is already gone
dir=$(cd "$2" && pwd)
bin=/usr/lib/rabbitmq/bin

node_env() {
  local port=$1 mgmt=$2 epmd=${3:-$(($1 + 10000))}
  export HOME="$dir" RABBITMQ_NODENAME="rehab$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$((port + 20000))
  # A private epmd per node, so stopping this node stops only what this script started. Nodes of one cluster
  # share theirs: Erlang finds a peer node through the epmd on the port it uses itself.
  export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$epmd
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rabbit.pid"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  : > "$RABBITMQ_CONF_ENV_FILE"
  echo "$port $mgmt $ERL_EPMD_PORT" > "$dir/ports"
}

# The Erlang distribution cookie in FOLDER (HOME of the node), created once with a random secret.
ensure_cookie() {
  [ -f "$1/.erlang.cookie" ] && return 0
  head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$1/.erlang.cookie"
  chmod 400 "$1/.erlang.cookie"
}

load_ports() {
  [ -f "$dir/ports" ] || { echo "no node in $dir" >&2; exit 1; }
  read -r port mgmt epmd < "$dir/ports"
  node_env "$port" "$mgmt" "$epmd"
}

# A cluster folder holds node1..nodeN; the script is run again for each node.
if [ -f "$dir/cluster" ]; then
  read -r base nodes < "$dir/cluster"
  case "$cmd" in
    stop)
      for i in $(seq "$nodes" -1 1); do "$0" stop "$dir/node$i" || true; done
      timeout 10 epmd -port $((base + 10000)) -kill >/dev/null 2>&1 || true
      exit 0 ;;
    kill)
      for i in $(seq 1 "$nodes"); do "$0" kill "$dir/node$i" || true; done
      timeout 10 epmd -port $((base + 10000)) -kill >/dev/null 2>&1 || true
      exit 0 ;;
  esac
fi

case "$cmd" in
  cluster)
    base=${3:-5672}
    nodes=${4:-3}
    "$(dirname "$0")/install-prerequisites.sh"
    echo "$base $nodes" > "$dir/cluster"
    # One Erlang cookie for every node: the cluster's shared secret.
    ensure_cookie "$dir"
    for i in $(seq 1 "$nodes"); do
      mkdir -p "$dir/node$i"
      [ -f "$dir/node$i/.erlang.cookie" ] || install -m 400 "$dir/.erlang.cookie" "$dir/node$i/.erlang.cookie"
      port=$((base + i - 1))
      "$0" start "$dir/node$i" "$port" $((port + 10001)) $((base + 10000))
    done
    seed="rehab$base@localhost"
    for i in $(seq 2 "$nodes"); do
      port=$((base + i - 1))
      (
        dir="$dir/node$i"
        node_env "$port" $((port + 10001)) $((base + 10000))
        if ! "$bin/rabbitmqctl" cluster_status --formatter json 2>/dev/null | grep -q "\"$seed\""; then
          "$bin/rabbitmqctl" stop_app >/dev/null
          "$bin/rabbitmqctl" join_cluster "$seed" >/dev/null
          "$bin/rabbitmqctl" start_app >/dev/null
        fi
      )
    done
    echo "cluster of $nodes nodes: amqp ports $base-$((base + nodes - 1)), seed $seed"
    ;;
  start)
    if [ -z "${3:-}" ] && [ -f "$dir/ports" ]; then
      read -r port mgmt epmd < "$dir/ports"
    else
      port=${3:-5672}
      mgmt=${4:-$((port + 10000 + 1))}
      epmd=${5:-$((port + 10000))}
    fi
    "$(dirname "$0")/install-prerequisites.sh"
    node_env "$port" "$mgmt" "$epmd"
    mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    ensure_cookie "$dir"
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
    # A cluster's shared epmd stays for the other nodes; stopping the cluster folder ends it.
    [ -f "$dir/../cluster" ] || timeout 10 epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
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
    echo "usage: rabbitmq-node.sh start|cluster|stop|kill DIR [AMQP_PORT [MANAGEMENT_PORT [EPMD_PORT]]]" >&2
    exit 2
    ;;
esac
