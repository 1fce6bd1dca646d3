#!/usr/bin/env bash
# Builds the browser page: the library and web/ for wasm32-unknown-unknown (wgpu's WebGPU
# backend), then wasm-bindgen's JavaScript glue into web/pkg/. Installs the wasm32 target and
# the wasm-bindgen CLI of the version in Cargo.lock when they are missing. Then serve web/
# (`evomoe serve`, or any static file server) and open http://localhost:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null || true)
if [[ "$have" != "wasm-bindgen $version" ]]; then
  echo "installing wasm-bindgen-cli $version (the version in Cargo.lock)..." >&2
  cargo install wasm-bindgen-cli --version "$version"
fi
cargo build --release -p evomoe-web --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir web/pkg \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/evomoe_web.wasm"
echo "built web/pkg ($(du -h web/pkg/evomoe_web_bg.wasm | cut -f1) of wasm); serve it with: target/release/evomoe serve" >&2
