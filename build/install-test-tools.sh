#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
