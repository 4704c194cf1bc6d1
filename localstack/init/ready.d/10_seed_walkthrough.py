"""LocalStack READY hook: seed the walkthrough topology (lab/topologies/walkthrough.json).

LocalStack runs .py hooks in its own interpreter, which has boto3. The topology file is the same one
`vpceprobe lab up` applies, so LocalStack, moto and the lab hold the same VPC. Set
VPCEPROBE_TOPOLOGY to seed another file from lab/topologies, VPCEPROBE_IMAGE_ID to choose the AMI
(with EC2_VM_MANAGER=docker the AMI must be a docker-backed one).
"""
import os
import runpy
import sys

base = "/etc/localstack/vpceprobe"
topology = os.environ.get("VPCEPROBE_TOPOLOGY", "walkthrough")
argv = ["seed_topology.py", "--endpoint-url", "http://localhost:4566", f"{base}/topologies/{topology}.json"]
if os.environ.get("VPCEPROBE_IMAGE_ID"):
    argv += ["--image-id", os.environ["VPCEPROBE_IMAGE_ID"]]
saved, sys.argv = sys.argv, argv
try:
    runpy.run_path(f"{base}/seed_topology.py", run_name="__main__")
finally:
    sys.argv = saved
