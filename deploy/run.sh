#!/usr/bin/env bash
# Runs RehabPlatform locally with embedded defaults: a private RabbitMQ node on loopback, a SQLite file per
# service under .data/local, and every app as its own process. Ctrl+C stops everything this script started.
# A second run reuses the data.
#   deploy/run.sh              SQLite files per service (the embedded default)
#   deploy/run.sh --postgres   a private PostgreSQL cluster with one database per service
# Settings (environment): REHAB_DATA (data folder), REHAB_AMQP_PORT (5672), REHAB_GATEWAY_PORT (5100),
# REHAB_PORTAL_PORT (5105), REHAB_POSTGRES_PORT (5433).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data=${REHAB_DATA:-$root/.data/local}
amqp_port=${REHAB_AMQP_PORT:-5672}
gateway_port=${REHAB_GATEWAY_PORT:-5100}
portal_port=${REHAB_PORTAL_PORT:-5105}
mkdir -p "$data/logs"
use_postgres=false
for argument in "$@"; do
  case "$argument" in
    --postgres) use_postgres=true ;;
    *) echo "unknown option $argument (use --postgres or nothing)"; exit 2 ;;
  esac
done

"$root/deploy/local/install-prerequisites.sh"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$root/deploy/local/rabbitmq-node.sh" stop "$data/rabbitmq" || true
  if $use_postgres; then "$root/deploy/local/postgres-node.sh" stop "$data/postgres" || true; fi
  echo "Stopped. Data kept in $data"
  exit 0
}
trap stop_all INT TERM EXIT

echo "Starting RabbitMQ on 127.0.0.1:$amqp_port..."
broker=$("$root/deploy/local/rabbitmq-node.sh" start "$data/rabbitmq" "$amqp_port")
management_url=${broker##* }

if $use_postgres; then
  postgres_port=${REHAB_POSTGRES_PORT:-5433}
  echo "Starting PostgreSQL on 127.0.0.1:$postgres_port..."
  "$root/deploy/local/postgres-node.sh" start "$data/postgres" "$postgres_port" >/dev/null
  for database in intake programs sessions form; do
    exists=$(psql -h 127.0.0.1 -p "$postgres_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")
    [ "$exists" = "1" ] || psql -h 127.0.0.1 -p "$postgres_port" -U postgres -qc "CREATE DATABASE $database" >/dev/null
    export "ConnectionStrings__$database=Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=$database"
  done
fi

echo "Building..."
dotnet build "$root/RehabPlatform.sln" -c Release -nologo -v quiet >"$data/logs/build.log" 2>&1 \
  || { tail -30 "$data/logs/build.log"; exit 1; }

# Shared by every process of the embedded default; production uses Auth__Authority instead.
export ASPNETCORE_ENVIRONMENT=Development
export Auth__DevSigningKey=${Auth__DevSigningKey:-rehabplatform-development-signing-key-not-for-production}
# Intake signs patients' tokens with this key and every service validates them (production: from a secret).
export Auth__PatientSigningKey=${Auth__PatientSigningKey:-rehabplatform-development-patient-key-not-for-production}
export Messaging__BrokerUrl="amqp://guest:guest@127.0.0.1:$amqp_port/"
export Storage__DataDirectory="$data/db"

start_app() { # name, project folder, port
  local name=$1 project=$2 port=$3
  local dll="$root/$project/bin/Release/net10.0/$(basename "$project").dll"
  (cd "$root/$project" && exec dotnet "$dll" --urls "http://127.0.0.1:$port") >"$data/logs/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "$name exited; see $data/logs/$name.log"; tail -20 "$data/logs/$name.log"; exit 1; }
    sleep 0.5
  done
  echo "$name did not become live; see $data/logs/$name.log"; exit 1
}

start_app intake services/Intake 5101
start_app programs services/Programs 5102
start_app sessions services/Sessions 5103
start_app form services/Form 5104
# The portal calls the platform through the gateway; the gateway serves it at /. Its cookie keys stay in the data folder.
Portal__GatewayUrl="http://127.0.0.1:$gateway_port/" Portal__DataProtectionKeysPath="$data/portal-keys" start_app portal gateway/Portal "$portal_port"
# The ops dashboard reads queue depths from the broker's management API.
Gateway__Ops__BrokerManagementUrl="$management_url" Gateway__PortalUrl="http://127.0.0.1:$portal_port/" start_app gateway gateway/Gateway "$gateway_port"

# The demo chain (clinics with the demo tokens' ids, a second chain template); a second run finds it there.
dotnet "$root/deploy/Demo/bin/Release/net10.0/Demo.dll" seed --gateway "http://127.0.0.1:$gateway_port/" \
  || { echo "Seeding the demo chain failed; see the service logs in $data/logs"; exit 1; }

gateway="http://127.0.0.1:$gateway_port"
cat <<INFO

RehabPlatform is running.
  Staff portal        $gateway/   (sign in as therapist-north for a therapist's day, chain-admin for every clinic)
  Gateway             $gateway
  Aggregated health   $gateway/health
  Ops dashboard       $gateway/ops  (sign in as ops or chain-admin: attention, charts of the last hour, queues, clinics)
  Intake API docs     $gateway/api/intake/docs
  Programs API docs   $gateway/api/programs/docs
  Sessions API docs   $gateway/api/sessions/docs
  Form API docs       $gateway/api/form/docs
  Metrics             $gateway/metrics (gateway), http://127.0.0.1:5101-5104/metrics (services)
  RabbitMQ management $management_url (guest / guest)
  Logs                $data/logs

Demo tokens (development only):
  curl -s $gateway/dev/tokens                          # the demo users
  curl -s -X POST $gateway/dev/tokens/therapist-north  # a token, valid 8 hours
  then call the API with: -H "Authorization: Bearer <token>"

Demo traffic (onboarding, sessions over simulated weeks, form captures, follow-ups):
  deploy/demo.sh

Press Ctrl+C to stop.
INFO

wait -n "${pids[@]}" || true
echo "A process exited; see $data/logs."
exit 1
