#!/usr/bin/env bash
# Quick start: install what is missing, build, and start racesense-server with the web app on
# http://localhost:8080 (embedded storage in ./data). Extra arguments go to racesense-server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/server/racesense-server --port "${PORT:-8080}" --data-dir "${DATA_DIR:-data}" --web-dir web/dist "$@"
