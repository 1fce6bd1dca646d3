#!/usr/bin/env bash
# Unpacks Google's SwiftShader (a Vulkan implementation on the CPU, independent of Mesa) from
# Debian's chromium-common package into target/swiftshader, without installing Chromium, and
# prints the path of its ICD file. Use it as
#   VK_DRIVER_FILES=$(bash scripts/install-swiftshader.sh) evomoe --backend vulkan selftest
# Needs apt-get (no root needed for `apt-get download`, but an up-to-date package list).
set -euo pipefail
cd "$(dirname "$0")/.."
dest="$PWD/target/swiftshader"
icd="$dest/usr/lib/chromium/vk_swiftshader_icd.json"
if [ ! -f "$icd" ]; then
  mkdir -p "$dest"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download chromium-common >/dev/null 2>&1) || {
    SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    (cd "$tmp" && apt-get download chromium-common >/dev/null 2>&1)
  }
  dpkg-deb -x "$tmp"/chromium-common_*.deb "$dest"
  rm -rf "$tmp"
fi
if [ ! -f "$icd" ]; then
  echo "install-swiftshader: chromium-common holds no vk_swiftshader_icd.json" >&2
  exit 1
fi
echo "$icd"
