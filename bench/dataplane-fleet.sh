#!/usr/bin/env bash
# Times the data plane with a fleet, as root: in a lab of the test suite (its own name and free port, never 4566),
# 50 instances are launched over three AZs with three NAT gateways through RunInstances, then terminated; each call
# returns once the data plane is reconciled, so the figures are the time until the packets flow (or stop).
# Usage: sudo bash bench/dataplane-fleet.sh      (runs tests/VpceProbe.Lab.Tests FleetLabTests; prints the figures)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/dataplane-fleet.sh needs root (network namespaces)" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
VPCEPROBE_BENCH_OUT="$out" dotnet test --project tests/VpceProbe.Lab.Tests -c Release -- \
  --filter-class 'VpceProbe.Lab.Tests.RealLab.FleetLabTests' >/dev/null
cat "$out"
