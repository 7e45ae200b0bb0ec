#!/usr/bin/env bash
# Moves every message waiting in QUEUE_error back to QUEUE for another try, once the cause is fixed, and says how
# many it moved. Consumers are idempotent, so a message that had partly succeeded still has one effect.
#   deploy/replay-errors.sh QUEUE [--vhost /] [--management http://127.0.0.1:15673] \
#                                 [--amqp amqp://HOST:PORT] [--user guest:guest] [--timeout 60]
# Example: deploy/replay-errors.sh programs-session-completed
#
# How many messages wait is read from the queue itself (a basic.get through the management API, which puts the
# message straight back), never from the management statistics: those are refreshed only every few seconds, so
# right after a fault they can still say 0. A dynamic shovel (RabbitMQ's shovel plugin, enabled by
# deploy/local/rabbitmq-node.sh) then moves exactly that many messages and removes itself; the command waits for
# that before it reports. The shovel runs inside the broker and connects to that same node directly (the URI
# "amqp://", which also works in a container whose mapped ports mean nothing inside it); --amqp points it elsewhere.
set -euo pipefail

queue=${1:?usage: replay-errors.sh QUEUE [--vhost V] [--management URL] [--amqp URL] [--user USER:PASSWORD] [--timeout SECONDS]}
shift
vhost=/ management=http://127.0.0.1:15673 amqp=amqp:// user=guest:guest timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --vhost) vhost=$2; shift 2 ;;
    --management) management=${2%/}; shift 2 ;;
    --amqp) amqp=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
encoded=${vhost//\//%2F}
# "amqp://" alone is the local node: its URI for a virtual host is amqp:///VHOST.
if [ "$amqp" = "amqp://" ]; then uri="amqp:///$encoded"; else uri="${amqp%/}/$encoded"; fi
error_queue="${queue}_error"

api() { curl -sS -u "$user" -o "$response" -w '%{http_code}' "$@"; }
response=$(mktemp)
trap 'rm -f "$response"' EXIT

# The live count: basic.get returns one message (requeued at once) and how many are left behind it.
status=$(api -X POST -H 'content-type: application/json' "$management/api/queues/$encoded/$error_queue/get" \
  -d '{"count":1,"ackmode":"ack_requeue_true","encoding":"auto","truncate":1}') || { echo "Management API at $management unreachable." >&2; exit 1; }
case "$status" in
  200) ;;
  404) echo "No queue $error_queue in vhost $vhost." >&2; exit 1 ;;
  *) echo "Management API answered $status: $(head -c 300 "$response")" >&2; exit 1 ;;
esac
left=$(grep -o '"message_count":[0-9]*' "$response" | head -1 | cut -d: -f2 || true)
if [ -z "$left" ]; then
  echo "Nothing to replay: $error_queue has no messages ready."
  exit 0
fi
count=$((left + 1))

name="replay-$queue-$(date +%s%N)"
status=$(api -X PUT -H 'content-type: application/json' "$management/api/parameters/shovel/$encoded/$name" -d @- <<JSON
{"value": {
  "src-protocol": "amqp091", "src-uri": "$uri", "src-queue": "$error_queue", "src-delete-after": $count,
  "dest-protocol": "amqp091", "dest-uri": "$uri", "dest-queue": "$queue"
}}
JSON
)
case "$status" in
  2??) ;;
  *) echo "Could not create the replay shovel ($status): $(head -c 300 "$response")" >&2; exit 1 ;;
esac
echo "Replaying $count message(s) from $error_queue to $queue (shovel $name)..."

# The shovel removes its own parameter once it has moved $count messages.
deadline=$((SECONDS + timeout))
while [ "$SECONDS" -lt "$deadline" ]; do
  status=$(api "$management/api/parameters/shovel/$encoded/$name") || true
  if [ "$status" = 404 ]; then
    echo "Moved $count message(s) from $error_queue to $queue."
    exit 0
  fi
  sleep 0.2
done
state=$(api "$management/api/shovels/$encoded/$name" >/dev/null; grep -o '"state":"[a-z_]*"' "$response" | head -1 || true)
echo "The shovel $name had not finished after ${timeout}s (${state:-state unknown}); it is left in place to finish or to be removed with:" >&2
echo "  curl -u USER:PASSWORD -X DELETE $management/api/parameters/shovel/$encoded/$name" >&2
exit 1
