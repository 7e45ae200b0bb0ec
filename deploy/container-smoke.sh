#!/usr/bin/env bash
# The containers, end to end on this machine (no registry): builds every image (deploy/local/container-images.sh),
# starts deploy/docker-compose.yml with the demo override and the local images (podman-compose), and checks through
# the gateway that health is green, an onboarding reaches Sessions (the demo scenario, one patient per clinic) and
# Prometheus scrapes every target. Grafana has no Debian package and so no image here: it is left out.
#   deploy/container-smoke.sh [--keep]     --keep leaves the containers running (podman-compose -p rehabsmoke down)
# Not part of deploy/test.sh (a few minutes). Needs root. Prints each stage's time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${REHAB_CONTAINER_WORK:-/var/tmp/rehab-containers}
keep=false
[ "${1:-}" = --keep ] && keep=true
export CONTAINERS_CONF="$work/containers.conf"
export REHAB_SMOKE_GATEWAY_PORT=${REHAB_SMOKE_GATEWAY_PORT:-25100} REHAB_SMOKE_PROMETHEUS_PORT=${REHAB_SMOKE_PROMETHEUS_PORT:-29090}
project=rehabsmoke
gateway="http://127.0.0.1:$REHAB_SMOKE_GATEWAY_PORT"
started=$SECONDS
stage() { echo "[$((SECONDS - started)) s] $*"; }

stage "building images"
"$root/deploy/local/container-images.sh" "$work"

compose="$work/compose.json"
python3 "$root/deploy/local/compose-merge.py" "$compose" \
  "$root/deploy/docker-compose.yml" "$root/deploy/docker-compose.demo.yml" "$root/deploy/docker/local/compose.local.yml"
down() { podman-compose -p "$project" -f "$compose" down -v > "$work/compose-down.log" 2>&1 || true; }
down
$keep || trap down EXIT

stage "starting the platform (podman-compose, every service but grafana)"
podman-compose -p "$project" -f "$compose" up -d rabbitmq postgres intake programs sessions form portal gateway prometheus > "$work/compose-up.log" 2>&1 \
  || { tail -20 "$work/compose-up.log" >&2; exit 1; }

healthy=false
for _ in $(seq 1 120); do
  if curl -fsS "$gateway/health" -o "$work/health.json" 2>/dev/null; then healthy=true; break; fi
  sleep 2
done
if ! $healthy; then
  echo "the gateway did not report every service healthy; last answer:" >&2
  curl -sS "$gateway/health" >&2 || true
  for service in intake programs sessions form gateway; do echo "--- $service" >&2; podman logs --tail 15 "${project}_${service}_1" >&2 || true; done
  exit 1
fi
stage "health green: $(python3 -c "import json; r=json.load(open('$work/health.json')); print(', '.join(f'{k} {v[\"status\"]}' for k, v in r['services'].items()))")"

stage "onboarding through the gateway (demo scenario: one patient per clinic, one week)"
dotnet build "$root/deploy/Demo" -c Release -v quiet --nologo > "$work/demo-build.log" 2>&1
dotnet "$root/deploy/Demo/bin/Release/net10.0/Demo.dll" scenario --gateway "$gateway/" --patients-per-clinic 1 --weeks 1 | tee "$work/scenario.log"
grep -q "Programs assigned (visible in Sessions): [1-9]" "$work/scenario.log" || { echo "no onboarding reached Sessions" >&2; exit 1; }

stage "waiting for Prometheus to scrape every target"
targets_up=false
for _ in $(seq 1 45); do
  if curl -fsS "http://127.0.0.1:$REHAB_SMOKE_PROMETHEUS_PORT/api/v1/targets" -o "$work/targets.json" 2>/dev/null \
     && python3 - "$work/targets.json" <<'PY'
import json, sys
targets = json.load(open(sys.argv[1]))["data"]["activeTargets"]
sys.exit(0 if targets and all(t["health"] == "up" for t in targets) else 1)
PY
  then targets_up=true; break; fi
  sleep 2
done
python3 - "$work/targets.json" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1]))["data"]["activeTargets"]:
    print(f"  prometheus target {t['labels']['job']:<9} {t['scrapeUrl']:<32} {t['health']} {t.get('lastError', '')}")
PY
$targets_up || { echo "Prometheus does not scrape every target" >&2; exit 1; }
stage "container smoke test passed"
