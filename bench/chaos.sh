#!/usr/bin/env bash
# The walkthrough on a faulty lab, five runs in a row (README "Safety on a real account"): the lab's gateway
# throttles 20 % of AWS calls, fails 5 % with a 5xx and adds 100 ms to each. Every run must exit 0 with every
# check met, and after each the VPC's routes and endpoints must equal the state before it.
# Usage: sudo bash bench/chaos.sh   (RUNS=N, default 5; NAME=LAB, default chaos; FAULTS=..., default throttle=0.2,5xx=0.05,latency=100ms)
# Its own lab (--name chaos, or NAME=...) on a free loopback port, never 4566; taken down on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
faults=${FAULTS:-throttle=0.2,5xx=0.05,latency=100ms}
name=${NAME:-chaos}
[ "$(id -u)" -eq 0 ] || { echo "bench/chaos.sh needs root (network namespaces)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench/chaos.sh needs jq" >&2; exit 2; }
./vpceprobe version >/dev/null
./vpceprobe lab up --help | grep -q -- '--port' || { echo "bench/chaos.sh needs 'lab up --port' (branch labside)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
out=$(mktemp -d)
trap './vpceprobe lab down --name '"$name"' >/dev/null 2>&1 || true; rm -rf "$out"' EXIT INT TERM
./vpceprobe lab up --name "$name" --port "$port" --faults "$faults" >"$out/up.log"
url="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$url"
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_s3() { python3 - "$url" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/vpceprobe-chaos-staging", method="PUT", headers={"Authorization": "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"}))
PY
}
until aws_s3 2>/dev/null; do sleep 0.2; done   # the staging bucket, through the same faults
# The walkthrough's VPC, as the run itself finds it (by its Name tag): the dry run prints its id and changes nothing.
vpc=$(./vpceprobe run walkthrough --dry-run --staging-bucket vpceprobe-chaos-staging --output-dir "$out/dry" 2>&1 | grep -o 'vpc-[0-9a-f]*' | head -1)
[ -n "$vpc" ] || { echo "bench/chaos.sh: the dry run found no walkthrough VPC" >&2; exit 1; }
state() { ./vpceprobe discover --vpc "$1" --json 2>/dev/null | jq -S '{routes: [.routeTables[] | {id, routes: [.routes[] | {destination, targetId}] | sort_by(.destination)}] | sort_by(.id), endpoints: [.endpoints[] | select(.state != "deleted") | .id] | sort}' || echo "discover failed"; }
passed=0
echo "faults in force: $(curl -s "$url/_lab/status" | jq -c .faults)"
printf '| run | exit | checks met | VPC as before | seconds |\n|---|---|---|---|---|\n'
for i in $(seq 1 "$runs"); do
  before=$(state "$vpc")
  start=$(date +%s.%N)
  set +e
  ./vpceprobe run walkthrough --vpc "$vpc" --yes --transport ssm --staging-bucket vpceprobe-chaos-staging \
    --endpoint-url "$url" --output-dir "$out/r$i" >"$out/run$i.log" 2>&1
  code=$?
  set -e
  secs=$(python3 -c "import time; print(f'{time.time()-$start:.1f}')")
  after=$(state "$vpc")
  met=$(jq '[.phases[].cells[] | select(.pass)] | length' "$out/r$i/report.json" 2>/dev/null || echo 0)
  all=$(jq '[.phases[].cells[]] | length' "$out/r$i/report.json" 2>/dev/null || echo 0)
  same=$([ "$before" = "$after" ] && echo yes || echo NO)
  printf '| %s | %s | %s of %s | %s | %s |\n' "$i" "$code" "$met" "$all" "$same" "$secs"
  if [ "$code" -eq 0 ] && [ "$met" -eq "$all" ] && [ "$all" -gt 0 ] && [ "$same" = yes ]; then passed=$((passed + 1)); else tail -20 "$out/run$i.log" >&2; fi
done
echo "chaos: $passed of $runs runs exited 0 with every check met and the VPC as before (faults $faults)"
[ "$passed" -eq "$runs" ]
