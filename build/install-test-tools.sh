#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# build/package.sh zips the Lambda package, and the Lambda tests run it.
command -v zip >/dev/null || { apt-get update -qq && apt-get install -y -qq zip >/dev/null; }
