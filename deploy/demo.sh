#!/usr/bin/env bash
# Drives realistic traffic through the gateway of a running platform (deploy/run.sh) and prints what happened.
#   deploy/demo.sh [--patients-per-clinic 4] [--weeks 3] [--gateway http://127.0.0.1:5100/]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dll="$root/deploy/Demo/bin/Release/net10.0/Demo.dll"
[ -f "$dll" ] || dotnet build "$root/deploy/Demo" -c Release -nologo -v quiet
exec dotnet "$dll" scenario "$@"
