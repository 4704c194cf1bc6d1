#!/usr/bin/env bash
# Debian packages the tests, the lab and the benchmarks use. Idempotent: installs only what is missing.
# chromium: the HTML report is checked in a real (headless) browser; nothing downloads a browser of its own.
set -euo pipefail
# qemu-user-static and the arm64 cross libraries: the lab runs arm64 instances' programs under qemu user-mode emulation.
pkgs=(dnsmasq-base iputils-ping nftables hyperfine clang zlib1g-dev iproute2 dnsutils curl openssl
      qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
python3 -c "import moto, flask" 2>/dev/null || { echo "moto server missing: pip install 'moto[server]==5.2.1'"; exit 1; }
