#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently, with pinned versions.
# Usage: scripts/setup.sh [build|test]   (build: what `make serve` needs; test: also the browsers and rclone)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}
TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WB_VERSION=${WB_VERSION:-0.2.130}
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[setup] %s\n' "$*" >&2; }

# `make lint` (part of `make test`): one format and no clippy warnings.
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    rustup component add "$c"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (compiles from source, a few minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: its lock file names a crate version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
if [ "$what" = test ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
  # A real WebDAV server for the sync tests (tests/support/webdav.mjs, crates/cli/tests/sync_webdav.rs).
  command -v rclone >/dev/null || need_apt+=(rclone)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} from apt"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" fonts-noto-cjk >/dev/null
fi
if [ "$what" = test ] && ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  log "installing a CJK font so screenshots show Japanese"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# npm packages (binaryen's wasm-opt, playwright-core) from the committed lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version 2>/dev/null | head -1)"
