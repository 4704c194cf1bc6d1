#!/usr/bin/env bash
# Times the lab as root with hyperfine (README "The lab"): `lab up` + `lab down` of the walkthrough topology,
# and the whole `vpceprobe demo` (lab up, the walkthrough through SSM, reports, lab down; target < 60 s).
# Usage: sudo bash bench/lab.sh            (RUNS=N, default 3; the harness is built by ./vpceprobe)
# Everything stays inside the lab's network namespaces and loopback; the lab is taken down after each run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
[ "$(id -u)" -eq 0 ] || { echo "bench/lab.sh needs root (network namespaces)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench/lab.sh needs hyperfine (scripts/install-deps.sh)" >&2; exit 2; }
./vpceprobe version >/dev/null   # builds the harness and publishes the agent once, outside the timings
reports=$(mktemp -d)
trap './vpceprobe lab down --name bench >/dev/null 2>&1 || true; ./vpceprobe lab down --name demo >/dev/null 2>&1 || true; rm -rf "$reports"' EXIT INT TERM
hyperfine --runs "$runs" --export-markdown "$reports/lab.md" \
  --command-name "lab up + lab down" "./vpceprobe lab up --name bench >/dev/null && ./vpceprobe lab down --name bench >/dev/null" \
  --command-name "demo" "./vpceprobe demo --output-dir $reports/demo >/dev/null"
cat "$reports/lab.md"
