# Mieruka — the two commands of the README: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

BENCH_SIZES ?= 1000 10000 50000
comma := ,
empty :=
space := $(empty) $(empty)

.PHONY: setup setup-test lint build serve test test-native test-browser test-e2e bench bench-data bench-smoke fuzz soak clean

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

## build: the release build into dist/ (a plain static site, relative URLs)
build: setup
	trunk build --release --offline
	node scripts/csp-init.mjs dist
	node scripts/sw-build.mjs dist
	node scripts/precompress.mjs dist

## serve: build and serve on http://127.0.0.1:$(PORT)/
serve: build
	node scripts/serve.mjs dist $(PORT)

## test: every test — native, browser units (headless Chromium), end to end (Playwright)
test: setup-test lint test-native test-browser build test-e2e bench-smoke

## lint: one format (rustfmt.toml), no clippy warnings (natively and in the browser build), and no
## modules that read each other in a circle (scripts/check-cycles.mjs)
lint:
	cargo fmt --all --check
	node scripts/check-cycles.mjs
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p mieruka --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

test-native:
	node scripts/check-bin-names.mjs
	cargo test --workspace --exclude mieruka
	cargo test -p mieruka --lib
	node --test tests/support/

test-browser:
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p mieruka --target wasm32-unknown-unknown --test web

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## bench: every figure of BENCHMARKS.md (native criterion + browser), into bench/results.json
bench: setup-test build
	$(MAKE) bench-data PROFILE=--release
	MIERUKA_BENCH_SIZES=$(subst $(space),$(comma),$(BENCH_SIZES)) cargo bench -p mieruka-core --bench core
	cargo bench -p mieruka-core --bench import
	MIERUKA_BENCH_SIZES=$(subst $(space),$(comma),$(BENCH_SIZES)) node bench/browser.mjs
	node bench/report.mjs

bench-data:
	mkdir -p bench/data
	for n in $(BENCH_SIZES); do \
	  [ -s bench/data/gen-$$n.json ] || cargo run -q $(PROFILE) -p mieruka-core --example generate -- $$n 1 bench/data/gen-$$n.json || exit 1; \
	done

## bench-smoke: the benchmarks once at the smallest size (checks they run, not how fast)
bench-smoke:
	$(MAKE) bench-data BENCH_SIZES=1000
	MIERUKA_BENCH_SIZES=1000 cargo test -q -p mieruka-core --bench core
	MIERUKA_BENCH_IMPORT_ROWS=1000 cargo test -q -p mieruka-core --bench import
	mkdir -p target/bench-smoke
	MIERUKA_BENCH_OUT=target/bench-smoke MIERUKA_BENCH_SIZES=1000 MIERUKA_BENCH_REPEAT=1 node bench/browser.mjs
	MIERUKA_BENCH_OUT=target/bench-smoke node bench/report.mjs

## soak: the long reliability runs (500 edits each followed by a reload or a closed tab at a random moment;
## 4 tabs editing the same project for 2 minutes; the browser killed mid-save 100 times;
## a 50,000-task import killed before it is stored; all 100 injection strings typed into every field;
## 3 devices × 200 edits syncing through rclone while it restarts)
SOAK_RUNS ?= 500
KILL_RUNS ?= 100
soak: setup-test build
	node tests/soak/reload-loop.mjs $(SOAK_RUNS)
	node tests/soak/multi-tab.mjs 4 120
	node tests/soak/kill-mid-save.mjs $(KILL_RUNS)
	node tests/soak/large-import-kill.mjs 50000
	node tests/soak/large-import-kill.mjs 50000 tab
	node tests/soak/sync-devices.mjs 3 200
	XSS_PAYLOADS=100 node --test --test-concurrency=1 tests/e2e/xss-typed.test.mjs

## fuzz: the long runs of the importer fuzzer and the merge laws (the test command runs short ones)
FUZZ_CASES ?= 20000
fuzz: setup-test
	FUZZ_CASES=$(FUZZ_CASES) cargo test -p mieruka-core --release --test fuzz -- --nocapture
	PROPTEST_CASES=10000 cargo test -p mieruka-core --release --test merge -- --ignored

clean:
	rm -rf dist tests/e2e/screenshots
