# Mieruka — the two commands of the README: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: setup setup-test build serve test test-native test-browser test-e2e clean

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

## build: the release build into dist/ (a plain static site, relative URLs)
build: setup
	trunk build --release --offline
	node scripts/csp-init.mjs dist

## serve: build and serve on http://127.0.0.1:$(PORT)/
serve: build
	node scripts/serve.mjs dist $(PORT)

## test: every test — native, browser units (headless Chromium), end to end (Playwright)
test: setup-test test-native test-browser build test-e2e

test-native:
	cargo test --workspace --exclude mieruka
	cargo test -p mieruka --lib

test-browser:
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p mieruka --target wasm32-unknown-unknown --test web

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

clean:
	rm -rf dist tests/e2e/screenshots
