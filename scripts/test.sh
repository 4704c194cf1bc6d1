#!/usr/bin/env bash
# The test command of README.md: the whole suite in Release.
# Tests run the published agent (dist/linux-x64/vpceprobe-agent), so it is published first, unless the
# binary is already newer than every source file of the agent and the contract.
set -uo pipefail
cd "$(dirname "$0")/.."
# dnsmasq, nftables, ping, clang... on a fresh machine (idempotent: installs only what is missing).
bash scripts/install-deps.sh || { echo "scripts/install-deps.sh failed" >&2; exit 1; }
agent=dist/linux-x64/vpceprobe-agent
stale=$(find agent contract -type f -not -path '*/bin/*' -not -path '*/obj/*' -newer "$agent" -print -quit 2>/dev/null || echo missing)
if [ ! -x "$agent" ] || [ -n "$stale" ]; then
  bash scripts/publish-agent.sh || { echo "scripts/publish-agent.sh failed" >&2; exit 1; }
fi
exec dotnet test --solution VpceProbe.sln -c Release "$@"
