#!/usr/bin/env bash
# Builds SellerShield and runs the demo: the demo inbox (tests/e2e/demo/) served locally under
# its real host name, message.alibaba.com, and opened in Chromium with the built extension.
# Prints what the extension marked and writes screenshots to out/demo/. With a display the
# browser window stays open until it is closed; without one (or with CI set) it runs headless.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
bash scripts/build.sh
echo
exec node tests/e2e/demo/run-demo.mjs
