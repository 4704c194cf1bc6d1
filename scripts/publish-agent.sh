#!/usr/bin/env bash
# Publishes vpceprobe-agent, the one command of README "Publishing the agent":
#   dist/linux-x64/vpceprobe-agent    NativeAOT (Debian's clang + zlib1g-dev)
#   dist/linux-arm64/vpceprobe-agent  self-contained, single-file, trimmed, ReadyToRun (no arm64 AOT cross toolchain here)
# each with a .sha256 beside it (sha256sum format). Trim/AOT warnings fail the build
# (TreatWarningsAsErrors), and the x64 binary must stay at most 15 MB.
# Build output goes to $VPCEPROBE_PUBLISH_ARTIFACTS (default artifacts/publish-agent, git-ignored),
# so a publish never collides with another engineer's build in the same tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts=${VPCEPROBE_PUBLISH_ARTIFACTS:-$root/artifacts/publish-agent}
project=agent/VpceProbe.Agent/VpceProbe.Agent.csproj
max_x64_bytes=15000000

publish() {
  local rid=$1 out=$root/dist/$1
  rm -rf "$out"
  dotnet publish "$project" -c Release -r "$rid" --artifacts-path "$artifacts" -o "$out" \
    -p:TreatWarningsAsErrors=true -p:DebugType=none -p:DebugSymbols=false -p:StripSymbols=true -nologo
  # Only the binary ships: AOT leaves no other file worth deploying, single-file leaves none.
  find "$out" -mindepth 1 ! -name vpceprobe-agent -delete
  (cd "$out" && sha256sum vpceprobe-agent > vpceprobe-agent.sha256)
  echo "$out/vpceprobe-agent: $(stat -c %s "$out/vpceprobe-agent") bytes"
}

publish linux-x64
publish linux-arm64

size=$(stat -c %s dist/linux-x64/vpceprobe-agent)
if [ "$size" -gt "$max_x64_bytes" ]; then
  echo "dist/linux-x64/vpceprobe-agent is $size bytes, over the 15 MB budget ($max_x64_bytes bytes)" >&2
  exit 1
fi
dist/linux-x64/vpceprobe-agent --version
