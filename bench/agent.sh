#!/usr/bin/env bash
# Benchmarks the NativeAOT agent with hyperfine, in one run, against loopback targets this script starts
# (dnsmasq, an HTTP listener, a listener that never answers, moto) and stops by PID on exit:
#   1. start-up (--version)
#   2. a plan of reachable probes: dns, tcp, http, ping, s3, secret, sts
#   3. a plan of unreachable probes (refused and silent targets), against its longest timeout + 100 ms
#   4. the same checks the walkthrough's way: aws s3 ls / secretsmanager get-secret-value / sts
#      get-caller-identity, curl, ping -c1, dig, one after another in a shell script
# and prints the figures with the ratios against the targets (README "Benchmarks").
# Usage: bash bench/agent.sh            (AGENT=path overrides dist/linux-x64/vpceprobe-agent; RUNS=N)
# Nothing leaves the machine: every target is 127.0.0.1, dnsmasq never forwards, IMDS is disabled.
set -euo pipefail
cd "$(dirname "$0")/.."
agent=${AGENT:-dist/linux-x64/vpceprobe-agent}
runs=${RUNS:-30}
shell_runs=${SHELL_RUNS:-5}
for tool in hyperfine dnsmasq python3 aws curl dig ping; do
  command -v "$tool" >/dev/null || { echo "bench/agent.sh needs $tool (scripts/install-deps.sh)" >&2; exit 2; }
done
[ -x "$agent" ] || bash scripts/publish-agent.sh >&2
agent=$(realpath "$agent")

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET,getattr(socket,sys.argv[1])); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }
wait_tcp() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; return 1; }

moto_port=$(free_port SOCK_STREAM); dns_port=$(free_port SOCK_DGRAM); http_port=$(free_port SOCK_STREAM)
silent_port=$(free_port SOCK_STREAM); closed_port=$(free_port SOCK_STREAM)

python3 -m moto.server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 & pids+=($!)
dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll --pid-file= --bind-interfaces \
  --listen-address=127.0.0.1 --port="$dns_port" --user=root \
  --host-record=secretsmanager.us-east-1.amazonaws.com,10.0.1.25 >"$work/dnsmasq.log" 2>&1 & pids+=($!)
mkdir "$work/www" && echo ok >"$work/www/index.html"
python3 -m http.server "$http_port" --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 & pids+=($!)
# Accepts connections and never answers: what a silently dropping path looks like to a client.
python3 -c 'import socket,sys,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(("127.0.0.1",int(sys.argv[1]))); s.listen(512); held=[]
while True: held.append(s.accept()[0])' "$silent_port" & pids+=($!)
wait_tcp "$moto_port"; wait_tcp "$http_port"; wait_tcp "$silent_port"

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
aws s3 mb s3://bench-bucket >/dev/null
echo data | aws s3 cp - s3://bench-bucket/object >/dev/null
aws secretsmanager create-secret --name bench/db --secret-string "bench-$RANDOM$RANDOM" >/dev/null

cat >"$work/reachable.json" <<JSON
{"schemaVersion":1,"region":"us-east-1","probes":[
 {"id":"dns","kind":"dns","name":"secretsmanager.us-east-1.amazonaws.com","nameserver":"127.0.0.1:$dns_port","expect":"private"},
 {"id":"tcp","kind":"tcp","host":"127.0.0.1","port":$http_port,"expect":"reachable"},
 {"id":"http","kind":"http","url":"http://127.0.0.1:$http_port/","expect":"200"},
 {"id":"ping","kind":"ping","host":"127.0.0.1","expect":"reachable"},
 {"id":"s3","kind":"s3","bucket":"bench-bucket","expect":"allowed"},
 {"id":"secret","kind":"secret","secretId":"bench/db","expect":"allowed"},
 {"id":"sts","kind":"sts","expect":"allowed"}]}
JSON
longest_ms=500
cat >"$work/unreachable.json" <<JSON
{"schemaVersion":1,"region":"us-east-1",
 "endpoints":{"s3":"http://127.0.0.1:$silent_port","secretsmanager":"http://127.0.0.1:$silent_port","sts":"http://127.0.0.1:$silent_port"},
 "probes":[
 {"id":"tcp-refused","kind":"tcp","host":"127.0.0.1","port":$closed_port,"expect":"unreachable","timeout":"300ms"},
 {"id":"http-silent","kind":"http","url":"http://127.0.0.1:$silent_port/","expect":"unreachable","timeout":"300ms"},
 {"id":"s3-silent","kind":"s3","bucket":"bench-bucket","expect":"unreachable","timeout":"${longest_ms}ms"},
 {"id":"secret-silent","kind":"secret","secretId":"bench/db","expect":"unreachable","timeout":"${longest_ms}ms"},
 {"id":"sts-silent","kind":"sts","expect":"unreachable","timeout":"${longest_ms}ms"}]}
JSON
cat >"$work/by-hand.sh" <<SH
set -e
aws s3 ls s3://bench-bucket >/dev/null
aws secretsmanager get-secret-value --secret-id bench/db >/dev/null
aws sts get-caller-identity >/dev/null
curl -sf -o /dev/null http://127.0.0.1:$http_port/
ping -c1 -W1 127.0.0.1 >/dev/null
dig @127.0.0.1 -p $dns_port secretsmanager.us-east-1.amazonaws.com +short >/dev/null
SH

# Both plans must meet every expectation, or the timings measure the wrong thing.
"$agent" --plan "$work/reachable.json" --format table >&2
"$agent" --plan "$work/unreachable.json" --format table >&2

hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$work/agent.json" \
  -n startup "$agent --version" \
  -n reachable "$agent --plan $work/reachable.json" \
  -n unreachable "$agent --plan $work/unreachable.json" >&2
hyperfine --style basic --warmup 1 --runs "$shell_runs" --export-json "$work/shell.json" \
  -n by-hand "bash $work/by-hand.sh" >&2

python3 - "$agent" "$work/agent.json" "$work/shell.json" "$longest_ms" <<'PY'
import json, os, sys
agent, agent_json, shell_json, longest = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
res = {r["command"]: r for f in (agent_json, shell_json) for r in json.load(open(f))["results"]}
ms = lambda name: res[name]["mean"] * 1000
size = os.path.getsize(agent) / (1024 * 1024)
rows = [
    ("binary size (MB)", size, 15.0, size <= 15.0),
    ("start-up --version (ms)", ms("startup"), 25.0, ms("startup") <= 25.0),
    ("reachable plan, 7 probes (ms)", ms("reachable"), 150.0, ms("reachable") <= 150.0),
    (f"unreachable plan, longest timeout {longest} ms (ms)", ms("unreachable"), longest + 100.0, ms("unreachable") <= longest + 100),
    ("the same checks by hand in a shell script (ms)", ms("by-hand"), None, None),
]
print(f"{'measure':52} {'value':>9} {'target':>8} {'ratio':>7}  met")
for name, value, target, ok in rows:
    if target is None:
        print(f"{name:52} {value:9.1f}")
    else:
        print(f"{name:52} {value:9.1f} {target:8.1f} {value / target:7.2f}  {'yes' if ok else 'NO'}")
speedup = ms("by-hand") / ms("reachable")
print(f"{'speed-up of the agent over the shell way (x)':52} {speedup:9.1f} {10.0:8.1f} {speedup / 10:7.2f}  {'yes' if speedup >= 10 else 'NO'}")
PY
