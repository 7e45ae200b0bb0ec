#!/usr/bin/env bash
# Installs, when missing, what only the tests need: Debian's Chromium for the portal's browser tests (Playwright
# drives it by path and downloads nothing), axe-core from the npm registry for their accessibility checks, and
# Debian's Prometheus for the ops charts read from an existing Prometheus (the tests start their own, never the
# package's service).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
if [ "${#need[@]}" -gt 0 ]; then
  echo "Installing ${need[*]} (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The version pinned in package-lock.json, exactly.
if [ ! -f "$root/tests/Portal.Tests/node_modules/axe-core/axe.min.js" ]; then
  echo "Installing axe-core (npm)..."
  npm ci --prefix "$root/tests/Portal.Tests" --no-audit --no-fund --loglevel=error
fi
