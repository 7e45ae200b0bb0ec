#!/usr/bin/env bash
# Validates deploy/kubernetes against the Kubernetes API schemas, offline: kubernetes-models (npm, pinned in
# validate/package-lock.json) carries the schemas generated from the Kubernetes OpenAPI document. Installs Node.js
# from Debian's packages when it is missing. The schemas type-check every field and require what the API requires;
# like the API's non-strict mode they do not reject unknown fields (tests/System.Tests/DeploymentManifestTests.cs
# checks the fields that matter to the apps: probes, ports and environment names).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "Node.js is not installed and this is not root" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d "$here/validate/node_modules/kubernetes-models" ]; then
  npm ci --prefix "$here/validate" --no-audit --no-fund --loglevel=error >/dev/null
fi
exec node "$here/validate/validate.mjs" "$here"
