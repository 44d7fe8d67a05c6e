#!/usr/bin/env bash
# Benchmarks SellerShield: natively with criterion (`cargo bench`, benches/) and in real
# Chromium (tests/e2e/bench/run-bench.mjs: the wasm package in a page and the built extension).
# Prints the numbers and writes out/bench/browser.json; the budgets are in README.md
# ("Benchmarks"). It reports, it does not judge: no number fails the run.
#
# Usage: scripts/bench.sh [native|browser]   (default: both)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
WHAT="${1:-all}"
case "$WHAT" in all | native | browser) ;; *) echo "usage: scripts/bench.sh [native|browser]" >&2; exit 2 ;; esac

SELLERSHIELD_SETUP_QUIET=1 bash scripts/setup.sh

if [[ "$WHAT" != browser ]]; then
  echo "=== native (criterion): cargo bench"
  cargo bench
fi

if [[ "$WHAT" != native ]]; then
  echo
  echo "=== in Chromium"
  bash scripts/build.sh
  node tests/e2e/bench/run-bench.mjs
fi
