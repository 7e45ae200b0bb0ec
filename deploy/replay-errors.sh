#!/usr/bin/env bash
# Moves every message waiting in QUEUE_error back to QUEUE for another try, once the cause is fixed. A dynamic
# shovel (RabbitMQ's shovel plugin, enabled by deploy/local/rabbitmq-node.sh) moves the messages present now and
# then removes itself. Consumers are idempotent, so a message that had partly succeeded still has one effect.
#   deploy/replay-errors.sh QUEUE [--vhost /] [--management http://127.0.0.1:15673] \
#                                 [--amqp amqp://guest:guest@127.0.0.1:5672] [--user guest:guest]
# Example: deploy/replay-errors.sh programs-session-completed
set -euo pipefail

queue=${1:?usage: replay-errors.sh QUEUE [--vhost V] [--management URL] [--amqp URL] [--user USER:PASSWORD]}
shift
vhost=/ management=http://127.0.0.1:15673 amqp=amqp://guest:guest@127.0.0.1:5672 user=guest:guest
while [ $# -gt 0 ]; do
  case "$1" in
    --vhost) vhost=$2; shift 2 ;;
    --management) management=${2%/}; shift 2 ;;
    --amqp) amqp=${2%/}; shift 2 ;;
    --user) user=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
encoded=${vhost//\//%2F}

# A queue's counters appear in the management API with its first statistics tick (every 5 s by default).
count=
for _ in $(seq 1 20); do
  info=$(curl -fsS -u "$user" "$management/api/queues/$encoded/${queue}_error") || { echo "No queue ${queue}_error in vhost $vhost." >&2; exit 1; }
  count=$(grep -o '"messages":[0-9]*' <<<"$info" | head -1 | cut -d: -f2 || true)
  [ -n "$count" ] && break
  sleep 1
done
if [ "${count:-0}" -eq 0 ]; then
  echo "Nothing to replay: ${queue}_error is empty."
  exit 0
fi

name="replay-$queue-$(date +%s)"
curl -fsS -u "$user" -X PUT -H 'content-type: application/json' "$management/api/parameters/shovel/$encoded/$name" -d @- >/dev/null <<JSON
{"value": {
  "src-protocol": "amqp091", "src-uri": "$amqp/$encoded", "src-queue": "${queue}_error", "src-delete-after": "queue-length",
  "dest-protocol": "amqp091", "dest-uri": "$amqp/$encoded", "dest-queue": "$queue"
}}
JSON
echo "Replaying $count message(s) from ${queue}_error to $queue (shovel $name removes itself when done)."
