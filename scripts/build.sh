#!/usr/bin/env bash
# Builds everything: the C++ (server, firmware core, rs-core-sim, tests) and the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
use_web_node  # the pinned Node.js when the system's is too old (install-deps.sh fetched it)
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} >/dev/null
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}"
if [ -f web/package.json ]; then
  (cd web && npm run --silent build)
fi
