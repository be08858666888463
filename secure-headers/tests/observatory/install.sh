#!/usr/bin/env bash
# Installs the published Observatory scorer for tests/grade.rs (offline-safe: its own
# install script downloads certificate bundles, hence --ignore-scripts; the HSTS test
# reads conf/hsts-preload.json, which that script would have written: an empty list).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
