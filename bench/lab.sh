#!/usr/bin/env bash
# Times the lab as root (README "The lab"): `lab up` and `lab down` of every built-in topology, each timed on its
# own (targets: fleet up ≤ 30 s, down ≤ 10 s), then the whole `vpceprobe demo` with hyperfine (target < 60 s).
# Usage: sudo bash bench/lab.sh            (RUNS=N, default 3; PORT=P, default a free one; NAME=N, the lab's name, default
#        bench; DEMO=0 skips the demo timing, whose lab is always called demo; the harness is built by ./vpceprobe)
# Everything stays inside the lab's network namespaces and loopback; the lab is taken down after each run.
# The labs listen on PORT (`lab up --port`), never on 4566 unless asked (another lab may be there); without
# `--port` in this build the per-topology timings are refused rather than run on 4566 (BENCH_PORT_4566=1 allows it).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
name=${NAME:-bench}
[ "$(id -u)" -eq 0 ] || { echo "bench/lab.sh needs root (network namespaces)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench/lab.sh needs hyperfine (scripts/install-deps.sh)" >&2; exit 2; }
./vpceprobe version >/dev/null   # builds the harness and publishes the agent once, outside the timings
reports=$(mktemp -d)
# (the demo's lab is taken down only when this script timed it: with DEMO=0 a demo lab of someone else's is left alone)
trap './vpceprobe lab down --name "$name" >/dev/null 2>&1 || true; [ "${DEMO:-1}" = 0 ] || ./vpceprobe lab down --name demo >/dev/null 2>&1 || true; rm -rf "$reports"' EXIT INT TERM

port_args=()
if ./vpceprobe lab up --help | grep -q -- '--port'; then
  port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  port_args=(--port "$port")
elif [ "${BENCH_PORT_4566:-0}" != 1 ]; then
  echo "this build's lab up has no --port: the labs would listen on 4566, which another lab may use (BENCH_PORT_4566=1 to run anyway)" >&2
  exit 2
fi

now() { date +%s.%N; }
topologies=$(ls lab/topologies | sed 's/\.json$//')   # the built-in topologies (embedded from this folder)
printf '| topology | run | lab up (s) | lab down (s) |\n|---|---:|---:|---:|\n'
for topology in $topologies; do
  for run in $(seq "$runs"); do
    start=$(now)
    ./vpceprobe lab up --name "$name" --topology "$topology" "${port_args[@]}" >/dev/null
    up=$(now)
    ./vpceprobe lab down --name "$name" >/dev/null
    down=$(now)
    awk -v t="$topology" -v r="$run" -v s="$start" -v u="$up" -v d="$down" 'BEGIN { printf "| %s | %d | %.1f | %.1f |\n", t, r, u - s, d - u }'
  done
done

[ "${DEMO:-1}" = 0 ] && exit 0
hyperfine --runs "$runs" --export-markdown "$reports/lab.md" \
  --command-name "demo" "./vpceprobe demo --output-dir $reports/demo ${port_args[*]} >/dev/null"
cat "$reports/lab.md"
