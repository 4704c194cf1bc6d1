#!/usr/bin/env bash
# Ground truth for the prediction (README "Every result explained"): runs the lab suites that seed faults one at a
# time into the walkthrough lab (DiagnosisLabTests, its own lab named from the test's PID, stopped by the fixture)
# and accept the other built-in topologies as built, each in a lab of its own (CleanTopologyPredictionLabTests), and
# prints their figures: "N of N seeded faults explained with the right resource; M cells predicted, 0 wrong", one
# line per explained fault, and "clean TOPOLOGY: M cells predicted, 0 wrong" for two-az, fleet and locked-down.
# Usage: bash bench/diagnosis.sh   (needs root for the lab's namespaces; the agent in dist/ is published if missing)
# Nothing leaves the machine: the lab's traffic stays in network namespaces it creates.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench/diagnosis.sh needs root (the lab makes network namespaces)" >&2; exit 2; }
[ -x dist/linux-x64/vpceprobe-agent ] || bash scripts/publish-agent.sh >&2
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT INT TERM
started=$(date +%s)
VPCEPROBE_DIAGNOSIS_FILE=$figures dotnet test --project tests/VpceProbe.Lab.Tests -c Release \
  -- --filter-class 'VpceProbe.Lab.Tests.RealLab.DiagnosisLabTests' \
     --filter-class 'VpceProbe.Lab.Tests.RealLab.CleanTopologyPredictionLabTests' >&2 || status=$?
[ -s "$figures" ] || { echo "the diagnosis suites wrote no figures (exit ${status:-0}); see their output above" >&2; exit 1; }
# The seeded faults' line and its explanations first, then the clean topologies.
grep -v '^clean ' "$figures" || true
grep '^clean ' "$figures" | sort || true
echo "in $(( $(date +%s) - started )) s"
exit "${status:-0}"
