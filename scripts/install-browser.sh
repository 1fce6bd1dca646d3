#!/usr/bin/env bash
# Installs Debian's headless Chromium (chromium-headless-shell) for the browser test when no
# Chromium is on PATH, and prints the browser's path. On a machine without a GPU it runs WebGPU
# on its built-in SwiftShader adapter.
set -euo pipefail
for b in chromium-headless-shell chromium google-chrome; do
  if command -v "$b" >/dev/null; then command -v "$b"; exit 0; fi
done
SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "installing chromium-headless-shell..." >&2
if ! $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null
fi
command -v chromium-headless-shell
