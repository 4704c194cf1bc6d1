#!/usr/bin/env bash
# Packs `vpceprobe` as a .NET tool into dist/feed/ (a local NuGet feed), the one command of README
# "Installing the tool": the agent builds (scripts/publish-agent.sh, unless dist/ is newer than every file of
# agent/ and contract/) travel inside the package with their .sha256, and so does the lab program.
#   bash scripts/pack.sh
#   dotnet tool install -g VpceProbe --add-source dist/feed
# $VPCEPROBE_FEED sets another output directory; build output goes to $VPCEPROBE_PACK_ARTIFACTS
# (default artifacts/pack, git-ignored), so packing never collides with another build in the same tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
feed=${VPCEPROBE_FEED:-$root/dist/feed}
artifacts=${VPCEPROBE_PACK_ARTIFACTS:-$root/artifacts/pack}

agent=dist/linux-x64/vpceprobe-agent
stale=$(find agent contract -type f -not -path '*/bin/*' -not -path '*/obj/*' -newer "$agent" -print -quit 2>/dev/null || echo missing)
if [ ! -x "$agent" ] || [ ! -f dist/linux-arm64/vpceprobe-agent.sha256 ] || [ -n "$stale" ]; then
  bash scripts/publish-agent.sh
fi

repository=()
if url=$(git remote get-url origin 2>/dev/null); then
  repository=("-p:RepositoryUrl=$url" "-p:RepositoryCommit=$(git rev-parse HEAD)")
fi
# The lab program goes in too (lab/ beside vpceprobe.dll), for `vpceprobe lab` and `vpceprobe demo`.
lab_program=$artifacts/lab-program/
rm -rf "$lab_program"
dotnet publish lab/VpceProbe.Lab.Cli/VpceProbe.Lab.Cli.csproj -c Release --artifacts-path "$artifacts" -o "$lab_program" -nologo
mkdir -p "$feed"
dotnet pack harness/VpceProbe.Harness/VpceProbe.Harness.csproj -c Release --artifacts-path "$artifacts" -o "$feed" -nologo \
  "-p:VpceProbeLabPublishDir=$lab_program" "${repository[@]}"
ls -l "$feed"/VpceProbe.*.nupkg
