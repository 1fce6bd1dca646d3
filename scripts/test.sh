#!/usr/bin/env bash
# The whole test suite: installs software GPU drivers when none are present, runs every test on
# every adapter wgpu finds (Vulkan lavapipe and GL llvmpipe on a machine without a GPU), then
# `evomoe selftest` on a third implementation (Google's SwiftShader) and once under the Khronos
# validation layer, where a validation error fails the run; then builds the browser page and
# tests it in headless Chromium on the browser's own WebGPU (selftest and a 50-step training).
set -euo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
bash scripts/install-gpu-drivers.sh
cargo test --release "$@"
# Cargo builds into CARGO_TARGET_DIR when it is set; the reports go there too.
out="${CARGO_TARGET_DIR:-target}"
evomoe="$out/release/evomoe"
echo "== evomoe selftest on every adapter" >&2
"$evomoe" selftest --json "$out/selftest.json"
echo "== evomoe selftest on SwiftShader" >&2
icd=$(bash scripts/install-swiftshader.sh)
VK_DRIVER_FILES="$icd" "$evomoe" --backend vulkan --adapter swiftshader selftest \
  --json "$out/selftest-swiftshader.json"
echo "== evomoe selftest under the Vulkan validation layer (lavapipe)" >&2
# wgpu inserts the layer under WGPU_VALIDATION=1 when it is installed; make sure it did.
loader_log=$(WGPU_VALIDATION=1 VK_LOADER_DEBUG=layer "$evomoe" --backend vulkan devices 2>&1)
if ! grep -q 'Insert instance layer "VK_LAYER_KHRONOS_validation"' <<<"$loader_log"; then
  echo "error: the Khronos validation layer is not loaded (apt-get install vulkan-validationlayers)" >&2
  exit 1
fi
WGPU_VALIDATION=1 "$evomoe" --backend vulkan selftest --json "$out/selftest-validation.json"
echo "== the browser page in headless Chromium (WebGPU)" >&2
browser=$(bash scripts/install-browser.sh)
bash scripts/build-web.sh
python3 web/test/browser_test.py --browser "$browser" --evomoe "$evomoe" --steps 50 \
  --report "$out/selftest-browser.json"
