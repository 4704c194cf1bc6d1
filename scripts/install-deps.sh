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
# The arm64 OpenSSL (libssl3:arm64), which TLS from arm64 programs under qemu loads from the qemu prefix. No
# *-arm64-cross package carries it, and `dpkg --add-architecture arm64` would change the machine's package state,
# so the .deb is fetched with a private apt state (arm64 lists of the machine's own sources) and only its two
# libraries are copied next to libc6-arm64-cross's.
arm64_lib=/usr/aarch64-linux-gnu/lib
if [ ! -f "$arm64_lib/libssl.so.3" ] || [ ! -f "$arm64_lib/libcrypto.so.3" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  apt_state=$(mktemp -d); trap 'rm -rf "$apt_state"' EXIT
  mkdir -p "$apt_state"/{lists/partial,cache/archives/partial,deb,x}
  apt_arm64=(-o APT::Architectures::=arm64 -o APT::Architecture=arm64 -o Dir::State::Lists="$apt_state/lists"
             -o Dir::Cache="$apt_state/cache" -o Dir::State::status=/dev/null -o APT::Sandbox::User=root -qq)
  apt-get "${apt_arm64[@]}" update >/dev/null || { echo "apt-get update for arm64 lists failed: the apt sources must serve arm64 (libssl3:arm64 for the lab's arm64 instances)" >&2; exit 1; }
  (cd "$apt_state/deb" && apt-get "${apt_arm64[@]}" download libssl3:arm64) || { echo "could not download libssl3:arm64 (the lab's arm64 instances need it for TLS)" >&2; exit 1; }
  dpkg-deb -x "$apt_state"/deb/libssl3_*_arm64.deb "$apt_state/x"
  $SUDO install -m 0644 "$apt_state/x/usr/lib/aarch64-linux-gnu/libssl.so.3" "$apt_state/x/usr/lib/aarch64-linux-gnu/libcrypto.so.3" "$arm64_lib/"
fi
python3 -c "import moto, flask" 2>/dev/null || { echo "moto server missing: pip install 'moto[server]==5.2.1'"; exit 1; }
