#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite: C++ (ctest), web unit tests
# (vitest), and the browser end-to-end tests (Playwright + Debian chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
source scripts/node-env.sh
use_web_node  # the pinned Node.js when the system's is too old (install-deps.sh fetched it)
scripts/build.sh
echo "== C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j "${JOBS:-$(nproc)}"
echo "== fuzz regression (each libFuzzer harness over its checked-in corpus)"
scripts/fuzz.sh
if [ -f web/package.json ]; then
  echo "== web unit tests (vitest)"
  (cd web && npm run --silent test)
  echo "== browser end-to-end tests (playwright + chromium)"
  (cd web && npm run --silent e2e)
fi
echo "All test suites passed."
