#!/usr/bin/env bash
# Ground truth for the prediction (README "Every result explained"): runs the lab suite that seeds faults one at a
# time into the walkthrough lab (DiagnosisLabTests, its own lab named from the test's PID, stopped by the fixture)
# and prints its figures: "N of N seeded faults explained with the right resource; M cells predicted, 0 wrong".
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
  -- --filter-class 'VpceProbe.Lab.Tests.RealLab.DiagnosisLabTests' >&2 || status=$?
[ -s "$figures" ] || { echo "the diagnosis suite wrote no figures (exit ${status:-0}); see its output above" >&2; exit 1; }
cat "$figures"
echo "in $(( $(date +%s) - started )) s"
exit "${status:-0}"
