#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node runs the S3-compatible server (s3rver) that the S3 storage tests start.
if ! command -v node >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
# npm writes node_modules/.package-lock.json on install: reinstall when the lock file is newer (or it is missing).
if [ build/tools/package-lock.json -nt build/tools/node_modules/.package-lock.json ]; then
  npm ci --prefix build/tools --no-audit --no-fund
fi
