#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Terraform, only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# As root directly; otherwise through sudo when there is one (a developer's machine).
as_root=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then as_root=(sudo); fi
apt_install() {
  if [ -z "${apt_updated:-}" ]; then "${as_root[@]}" apt-get update -qq; apt_updated=1; fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Node runs the workflow validator (and the S3-compatible test server).
command -v node >/dev/null || apt_install nodejs npm
if [ ! -d build/tools/node_modules ] || [ build/tools/package-lock.json -nt build/tools/node_modules ]; then
  npm ci --prefix build/tools --no-audit --no-fund >/dev/null
fi

# build/test-workflows.sh reads the workflows' structure with yq (Debian's, a jq front end).
command -v yq >/dev/null || apt_install yq

# The browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# build/smoke.sh talks HTTP with curl and reads the answers with jq.
command -v curl >/dev/null || apt_install curl
command -v jq >/dev/null || apt_install jq

# build/package.sh zips the Lambda package, and the Lambda tests run it.
command -v zip >/dev/null || apt_install zip

# The Native AOT package (the one deploy.yml ships by default) compiles and links with clang and lld against zlib;
# the published-bootstrap suite builds and drives it.
missing=()
command -v clang >/dev/null || missing+=(clang)
command -v ld.lld >/dev/null || missing+=(lld)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
