#!/usr/bin/env bash
# Times a whole run through the ssm transport on the lab (README "Fan-out and timing"): the walkthrough scenario
# on the `walkthrough` topology (1 instance), then the same scenario, probes and phases on the `fleet` topology
# (50 instances across 3 AZs). Prints, for each: lab up, the run's total and per-phase times with their breakdown
# (report.json's timing), SSM calls per phase, the pick-up delay (when the lab first showed an invocation ended,
# minus when it ended: p50, p95, max, from GET /_lab/ssm/invocations), then the ratio fleet / one per phase.
# Targets: fleet ≤ 1.5× one per phase and in total; pick-up p95 ≤ 1 s; the walkthrough (lab up + run + lab down,
# i.e. the demo) ≤ 25 s with harness overhead ≤ 1 s per phase.
# Then times the demo itself, warm (`./vpceprobe demo`: lab up, the walkthrough with --probe-timeout 2s, lab down),
# DEMO_RUNS times (default 3), with the harness's own share of each phase from its report.
# Usage: sudo bash bench/harness.sh        (PORT=P, default a free one; ONLY=walkthrough|fleet|demo to run one; KEEP=1 keeps the output)
# Everything stays inside the lab's network namespaces and loopback; each lab is taken down after its run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench/harness.sh needs root (network namespaces)" >&2; exit 2; }
./vpceprobe version >/dev/null   # builds the harness and publishes the agent once, outside the timings
out=$(mktemp -d)
lab=fanb$$
lab=${lab:0:6}
trap './vpceprobe lab down --name "$lab" >/dev/null 2>&1 || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$out"' EXIT INT TERM
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
url=http://127.0.0.1:$port

# The lab's own credentials and endpoint, explicitly: nothing of the caller's AWS environment takes part.
lab_env=(env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true)
now() { date +%s.%N; }
# CPU seconds (user + system) a lab has used so far: the daemon with the commands it ran and reaped (every SSM
# invocation: ip netns exec, the shell, the agent; they land in its cutime/cstime), and moto, which runs beside it.
lab_cpu() {
  python3 - "$1" <<'PY'
import json, os, sys
state = json.load(open(f"/run/vpceprobe-lab/{sys.argv[1]}/state.json"))
tick = os.sysconf("SC_CLK_TCK")
def fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
d, m = fields(state["daemonPid"]), fields(state["motoPid"])
# After the command name: utime, stime, cutime, cstime are fields 14-17 of stat, i.e. 11-14 here (0-based).
print(json.dumps({"daemon": (int(d[11]) + int(d[12])) / tick, "commands": (int(d[13]) + int(d[14])) / tick, "moto": (int(m[11]) + int(m[12]) + int(m[13]) + int(m[14])) / tick}))
PY
}

one() {   # one() TOPOLOGY VPC-NAME
  local topology=$1 vpc_name=$2 dir=$out/$1
  mkdir -p "$dir"
  local start up ran down
  start=$(now)
  ./vpceprobe lab up --name "$lab" --topology "$topology" --port "$port" >"$dir/lab-up.log"
  up=$(now)
  # The staging bucket, and what the walkthrough probes where the topology lacks it (the fleet has no twtech data).
  "${lab_env[@]}" python3 - "$url" <<'PY'
import sys, boto3, botocore
url = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
sm = boto3.client("secretsmanager", endpoint_url=url, region_name="us-east-1")
for bucket, body in [("vpceprobe-bench-staging", None), ("twtech-secure-bucket", "twtech secure data"), ("twtech-other-bucket", "twtech other data")]:
    try:
        s3.create_bucket(Bucket=bucket)
    except botocore.exceptions.ClientError as e:
        if e.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            raise
    if body:
        s3.put_object(Bucket=bucket, Key="hello.txt", Body=body.encode())
try:
    sm.create_secret(Name="twtech/db-password", SecretString="lab-only-not-a-real-password")
except botocore.exceptions.ClientError as e:
    if e.response["Error"]["Code"] != "ResourceExistsException":
        raise
PY
  local seeded; seeded=$(now)
  lab_cpu "$lab" >"$dir/cpu-before.json"
  wc -l <"/run/vpceprobe-lab/$lab/moto.log" >"$dir/moto-before.txt"
  # --proceed-on-failed-baseline: every phase is timed even when a loaded lab makes a baseline probe fail.
  "${lab_env[@]}" /usr/bin/time -f '{"harness": %U, "harnessSystem": %S}' -o "$dir/harness-cpu.json" ./vpceprobe run walkthrough --yes --proceed-on-failed-baseline --transport ssm --staging-bucket vpceprobe-bench-staging \
    --endpoint-url "$url" --region us-east-1 --vpc-name "$vpc_name" --output-dir "$dir/reports" >"$dir/run.log" 2>&1 || echo "  (run exit $?: see $dir/run.log)" >&2
  ran=$(now)
  lab_cpu "$lab" >"$dir/cpu-after.json"
  wc -l <"/run/vpceprobe-lab/$lab/moto.log" >"$dir/moto-after.txt"
  curl -sf "$url/_lab/ssm/invocations" >"$dir/invocations.json"
  ./vpceprobe lab down --name "$lab" >/dev/null
  down=$(now)
  python3 -c 'import json,sys; json.dump({"labUp": float(sys.argv[2]) - float(sys.argv[1]), "run": float(sys.argv[4]) - float(sys.argv[3]), "labDown": float(sys.argv[5]) - float(sys.argv[4])}, open(sys.argv[6], "w"))' \
    "$start" "$up" "$seeded" "$ran" "$down" "$dir/times.json"
}

demo() {   # the demo as a user runs it, warm (the build and the agent are ready), DEMO_RUNS times
  local dir=$out/demo run start end
  mkdir -p "$dir"
  for run in $(seq "${DEMO_RUNS:-3}"); do
    start=$(now)
    ./vpceprobe demo --port "$port" --output-dir "$dir/$run" >"$dir/$run.log" 2>&1 || echo "  (demo exit $?: see $dir/$run.log)" >&2
    end=$(now)
    python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$start" "$end" >"$dir/$run.seconds"
  done
}

case "${ONLY:-all}" in
  walkthrough) one walkthrough twtechVPC ;;
  fleet) one fleet fleet-vpc ;;
  demo) demo ;;
  *) one walkthrough twtechVPC; one fleet fleet-vpc; demo ;;
esac

python3 - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]

def load(topology):
    d = os.path.join(out, topology)
    if not os.path.exists(os.path.join(d, "times.json")):
        return None
    times = json.load(open(os.path.join(d, "times.json")))
    report_path = os.path.join(d, "reports", "report.json")
    report = json.load(open(report_path)) if os.path.exists(report_path) else {"phases": []}
    inv = json.load(open(os.path.join(d, "invocations.json")))
    return times, report, inv

def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]

results = {}
for topology in ("walkthrough", "fleet"):
    loaded = load(topology)
    if loaded is None:
        continue
    times, report, inv = loaded
    instances = len({i["instanceId"] for i in inv["invocations"]})
    print(f"## {topology}: {instances} instance(s), exit {report.get('exitCode', '?')}")
    print(f"lab up {times['labUp']:.1f} s · run {times['run']:.1f} s · lab down {times['labDown']:.1f} s")
    print("| phase | total (s) | changes | AWS waits | agent deploy | agent | SSM beyond agent | harness | SSM calls |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for p in report["phases"]:
        t = p.get("timing")
        if not t:
            continue
        calls = ", ".join(f"{v} {k}" for k, v in (t.get("ssmCalls") or {}).items())
        print(f"| {p['name']} | {t['totalMs']/1000:.1f} | {t['applyingChangesMs']/1000:.1f} | {t['waitingForAwsMs']/1000:.1f} | {t['deployingAgentMs']/1000:.1f} | {t['inAgentMs']/1000:.1f} | {t['waitingForSsmMs']/1000:.1f} | {t['harnessMs']/1000:.1f} | {calls} |")
    total = report.get("timing")
    if total:
        print(f"| **phases** | {total['totalMs']/1000:.1f} | {total['applyingChangesMs']/1000:.1f} | {total['waitingForAwsMs']/1000:.1f} | {total['deployingAgentMs']/1000:.1f} | {total['inAgentMs']/1000:.1f} | {total['waitingForSsmMs']/1000:.1f} | {total['harnessMs']/1000:.1f} | |")
    pick = [i["pickUpMs"] for i in inv["invocations"] if i.get("pickUpMs") is not None]
    print(f"pick-up delay over {len(pick)} invocations: p50 {pct(pick, 50):.0f} ms · p95 {pct(pick, 95):.0f} ms · max {max(pick) if pick else float('nan'):.0f} ms")
    print(f"SSM calls the lab answered: {json.dumps(inv['calls'])}")
    failed = {}
    for p in report["phases"]:
        for run in p.get("runs", []):
            for r in (run.get("report") or {}).get("results", []):
                if not r.get("pass"):
                    key = f"{p['name']} {r['id']} {r.get('failureKind') or r.get('outcome')}"
                    failed[key] = failed.get(key, 0) + 1
            if run.get("status") != "completed":
                key = f"{p['name']} run {run.get('status')}"
                failed[key] = failed.get(key, 0) + 1
    if failed:
        print("checks not met (phase, probe, why: instances): " + " · ".join(f"{k}: {v}" for k, v in sorted(failed.items())))
    d = os.path.join(out, topology)
    before, after = json.load(open(os.path.join(d, "cpu-before.json"))), json.load(open(os.path.join(d, "cpu-after.json")))
    used = {k: after[k] - before[k] for k in after}
    # /usr/bin/time writes "Command exited with non-zero status N" before its format when the run exits non-zero.
    h = json.loads(open(os.path.join(d, "harness-cpu.json")).read().strip().splitlines()[-1])
    harness = h["harness"] + h["harnessSystem"]
    total = sum(used.values()) + harness
    ran = [i for i in inv["invocations"] if i.get("executionStart")]
    moto_requests = int(open(os.path.join(d, "moto-after.txt")).read()) - int(open(os.path.join(d, "moto-before.txt")).read())
    cores = os.cpu_count()
    print(f"CPU during the run: {total:.1f} s = commands the lab ran {used['commands']:.1f} s (SSM invocations: ip netns exec, shell, agent; and its ip/nft reconciles; "
          f"{1000 * used['commands'] / max(1, len(ran)):.0f} ms per invocation over {len(ran)}) + lab daemon {used['daemon']:.1f} s + moto {used['moto']:.1f} s ({moto_requests} requests in its one Python process: {1000 * used['moto'] / max(1, moto_requests):.0f} ms each) "
          f"+ harness {harness:.1f} s; on {cores} cores that alone needs at least {total / cores:.1f} s of the run's {times['run']:.1f} s")
    results[topology] = (times, report, total)
    print()

if "walkthrough" in results and "fleet" in results:
    (wt, wr, wc), (ft, fr, fc) = results["walkthrough"], results["fleet"]
    wp = {p["name"]: p.get("timing") for p in wr["phases"]}
    print("| phase | one (s) | fleet (s) | fleet / one |")
    print("|---|---:|---:|---:|")
    for p in fr["phases"]:
        a, b = wp.get(p["name"]), p.get("timing")
        if a and b and a["totalMs"] > 0:
            print(f"| {p['name']} | {a['totalMs']/1000:.1f} | {b['totalMs']/1000:.1f} | {b['totalMs']/a['totalMs']:.2f} |")
    print(f"| **run** | {wt['run']:.1f} | {ft['run']:.1f} | {ft['run']/wt['run']:.2f} |")
    print(f"CPU fleet / one: {fc:.1f} s / {wc:.1f} s = {fc / wc:.1f}x")
    print()

demo_dir = os.path.join(out, "demo")
if os.path.isdir(demo_dir):
    runs = sorted(int(f.split(".")[0]) for f in os.listdir(demo_dir) if f.endswith(".seconds"))
    print("## demo: `./vpceprobe demo`, warm (target: at most 25 s, harness at most 1 s a phase)")
    print("| run | wall (s) | checks | phases (s) | harness per phase (s) |")
    print("|---:|---:|---|---:|---|")
    walls = []
    for n in runs:
        wall = float(open(os.path.join(demo_dir, f"{n}.seconds")).read())
        walls.append(wall)
        path = os.path.join(demo_dir, str(n), "report.json")
        report = json.load(open(path)) if os.path.exists(path) else {"phases": []}
        cells = [c for p in report["phases"] for c in p.get("cells", [])]
        met = sum(1 for c in cells if c.get("pass"))
        harness = " · ".join(f"{p['name']} {p['timing']['harnessMs']/1000:.1f}" for p in report["phases"] if p.get("timing"))
        phases = (report.get("timing") or {}).get("totalMs", 0) / 1000
        print(f"| {n} | {wall:.1f} | {met} of {len(cells)} met, exit {report.get('exitCode', '?')} | {phases:.1f} | {harness} |")
    if walls:
        print(f"demo wall: min {min(walls):.1f} s · median {statistics.median(walls):.1f} s · max {max(walls):.1f} s; max / 25 s = {max(walls) / 25:.2f}")
PY
