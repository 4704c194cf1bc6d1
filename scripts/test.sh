#!/usr/bin/env bash
# The test command of README.md: the whole suite in Release.
set -uo pipefail
cd "$(dirname "$0")/.."
exec dotnet test --solution VpceProbe.sln -c Release "$@"
