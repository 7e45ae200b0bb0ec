#!/usr/bin/env bash
# Runs every test of RehabPlatform against real servers. Installs RabbitMQ and PostgreSQL when missing
# (apt; root or sudo), and Chromium and axe-core for the portal's browser tests; lets the tests start private nodes on
# loopback, and stops every node they leave behind. Screenshots of the portal's pages are kept in .data/screenshots.
#   deploy/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Gateway]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/deploy/local/install-prerequisites.sh"
"$root/deploy/local/install-test-tools.sh"

export REHAB_TEST_DATA="$root/.data/test"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$REHAB_TEST_DATA"
log="$REHAB_TEST_DATA/../test-run.log"
# Numbers the tests report for readers of this output (fault reconciliations), printed after the run.
export REHAB_TEST_REPORT="$root/.data/test-report.txt"
: > "$REHAB_TEST_REPORT"
# The portal tests' screenshots (and the platform's output beside them) are kept after the run as artifacts.
export REHAB_SCREENSHOTS="$root/.data/screenshots"
rm -rf "$REHAB_SCREENSHOTS"

test_pid=
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null || true
}

stop_leftovers() {
  # The test processes first, so none of them starts or stops a node while the nodes are being stopped.
  if [ -n "$test_pid" ] && kill -0 "$test_pid" 2>/dev/null; then
    kill_tree "$test_pid"
    for _ in $(seq 1 100); do kill -0 "$test_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  # Every node the test processes could not stop themselves, each by its own PID file, and only then the folders:
  # a node whose folder is gone can no longer be found.
  for node in "$REHAB_TEST_DATA"/rabbit-*; do
    [ -d "$node" ] && { "$root/deploy/local/rabbitmq-node.sh" stop "$node" >/dev/null 2>&1 || true; }
  done
  for node in "$REHAB_TEST_DATA"/postgres-*; do
    [ -d "$node" ] && { "$root/deploy/local/postgres-node.sh" remove "$node" >/dev/null 2>&1 || true; }
  done
  rm -rf "$REHAB_TEST_DATA"
  "$root/deploy/local/podman-service.sh" stop "$podman_dir" "$container_image" || true
}
trap stop_leftovers EXIT
trap 'echo "Interrupted: stopping the tests and every node they started." >&2; exit 130' INT TERM

# Testcontainers over podman for the brokers shared within each test project (no test stops or kills those); the
# brokers that fault tests stop, kill and restart stay local processes (a container cannot be killed -9 here).
podman_dir="$root/.data/podman"
container_image=localhost/rehab-rabbitmq-debian:3.10
if podman_env=$("$root/deploy/local/podman-service.sh" start "$podman_dir" "$container_image"); then
  eval "$podman_env"
else
  echo "Testcontainers over podman is not available here (above); every broker is a local process." >&2
fi


dotnet build RehabPlatform.sln -c Release -warnaserror
status=0
# In the background, so that an interrupt reaches the trap at once rather than after the tests.
(dotnet test RehabPlatform.sln -c Release --no-build --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log") &
test_pid=$!
wait "$test_pid" || status=$?
test_pid=

# One summary line over all test projects.
passed=$( (grep -oE 'Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -oE 'Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
if grep -q "Test Run Aborted" "$log"; then status=${status/#0/1}; fi
if [ -s "$REHAB_TEST_REPORT" ]; then
  echo
  echo "Reported by the tests:"
  sed 's/^/  /' "$REHAB_TEST_REPORT"
fi
echo
echo "$passed passed, $failed failed"
exit "$status"
