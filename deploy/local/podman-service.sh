#!/usr/bin/env bash
# Testcontainers without a Docker engine: podman's Docker-compatible socket, and a RabbitMQ image built locally.
#   podman-service.sh start DIR IMAGE   install podman and runc if missing, build IMAGE once, serve DIR/podman.sock;
#                                       prints the environment to export (DOCKER_HOST, CONTAINERS_CONF, ...)
#   podman-service.sh stop DIR IMAGE    remove the containers of IMAGE this run left, stop the socket service (its PID)
# Needs root (the containers run rootful). On failure it says why on stderr and exits non-zero; the caller then keeps
# the local-process brokers.
set -euo pipefail

cmd=${1:?usage: podman-service.sh start|stop DIR IMAGE}
dir=${2:?folder}
image=${3:?image}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
conf="$dir/containers.conf"

case "$cmd" in
  start)
    if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
      [ "$(id -u)" = 0 ] || { echo "podman is not installed and this is not root" >&2; exit 1; }
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc >/dev/null
    fi
    # crun fails on this machine's hybrid cgroups, and the ulimits cannot be raised here.
    printf '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n[engine]\nruntime = "runc"\n' > "$conf"
    export CONTAINERS_CONF="$conf"
    "$(dirname "$0")/rabbitmq-image.sh" "$image" >&2
    podman system service --time=0 "unix://$dir/podman.sock" > "$dir/podman-service.log" 2>&1 &
    echo $! > "$dir/podman-service.pid"
    for _ in $(seq 1 100); do [ -S "$dir/podman.sock" ] && break; sleep 0.1; done
    [ -S "$dir/podman.sock" ] || { echo "podman's socket did not appear (see $dir/podman-service.log)" >&2; exit 1; }
    echo "export DOCKER_HOST=unix://$dir/podman.sock CONTAINERS_CONF=$conf TESTCONTAINERS_RYUK_DISABLED=true REHAB_TEST_CONTAINER_BROKER_IMAGE=$image"
    ;;
  stop)
    export CONTAINERS_CONF="$conf"
    ids=$(podman ps -aq --filter "ancestor=$image" 2>/dev/null || true)
    [ -n "$ids" ] && podman rm -f $ids >/dev/null 2>&1 || true
    if [ -f "$dir/podman-service.pid" ]; then
      kill "$(cat "$dir/podman-service.pid")" 2>/dev/null || true
      rm -f "$dir/podman-service.pid"
    fi
    ;;
esac
