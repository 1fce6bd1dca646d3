#!/usr/bin/env bash
# The whole test suite: installs a software GPU driver when none is present, then runs every test
# on every adapter wgpu finds (Vulkan lavapipe and GL llvmpipe on a machine without a GPU).
set -euo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
bash scripts/install-gpu-drivers.sh
cargo test --release "$@"
