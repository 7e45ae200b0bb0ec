#!/usr/bin/env bash
# Runs every test of RehabPlatform against real servers. Installs RabbitMQ and PostgreSQL when missing
# (apt; root or sudo), lets the tests start private nodes on loopback, and stops every node they leave behind.
#   deploy/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Gateway]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/deploy/local/install-prerequisites.sh"

export REHAB_TEST_DATA="$root/.data/test"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$REHAB_TEST_DATA"
log="$REHAB_TEST_DATA/../test-run.log"
# Numbers the tests report for readers of this output (fault reconciliations), printed after the run.
export REHAB_TEST_REPORT="$root/.data/test-report.txt"
: > "$REHAB_TEST_REPORT"

stop_leftovers() {
  # Nodes the test processes could not stop themselves (a crashed test host); each is stopped by its own PID file.
  for node in "$REHAB_TEST_DATA"/rabbit-*; do
    [ -d "$node" ] && "$root/deploy/local/rabbitmq-node.sh" stop "$node" >/dev/null 2>&1 || true
  done
  for node in "$REHAB_TEST_DATA"/postgres-*; do
    [ -d "$node" ] && "$root/deploy/local/postgres-node.sh" stop "$node" >/dev/null 2>&1 || true
  done
  rm -rf "$REHAB_TEST_DATA"
}
trap stop_leftovers EXIT

dotnet build RehabPlatform.sln -c Release -warnaserror
status=0
dotnet test RehabPlatform.sln -c Release --no-build --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

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
