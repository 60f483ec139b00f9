#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Terraform, only what is missing: Node and npm (the workflow
# validator and the S3-compatible test server), a Chromium-family browser (build/find-browser.sh), zip (the Lambda
# package). Missing pieces come from apt: directly as root, through sudo otherwise. Whatever it cannot install it
# names, and then it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()   # what could not be installed, with the reason
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  as_root=none
fi

# apt_install WHAT PACKAGE...: installs the packages, or records WHAT as missing.
apt_install() {
  local what=$1; shift
  if [ "${as_root[*]:-}" = none ]; then
    missing+=("$what (needs apt-get install $*: not root, and no sudo without a password)"); return
  fi
  if ! command -v apt-get >/dev/null; then
    missing+=("$what (no apt-get on this machine: install it yourself)"); return
  fi
  echo "Installing $what: apt-get install $*"
  if [ -z "${apt_updated:-}" ]; then "${as_root[@]}" apt-get update -qq || true; apt_updated=1; fi
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; then
    missing+=("$what (apt-get install $* failed)")
  fi
}

for tool in dotnet terraform; do
  command -v "$tool" >/dev/null || missing+=("$tool (not installed by this script: see docs/getting-started.md)")
done

# Node from the machine (a CI runner has it) when present.
command -v node >/dev/null || apt_install Node nodejs npm
command -v npm >/dev/null || { command -v node >/dev/null && apt_install npm npm; }
if command -v npm >/dev/null; then
  if [ ! -d build/tools/node_modules ] || [ build/tools/package-lock.json -nt build/tools/node_modules ]; then
    npm ci --prefix build/tools --no-audit --no-fund >/dev/null || missing+=("build/tools node modules (npm ci failed)")
  fi
fi

# The browser tests drive a browser already on the machine through Playwright; none is ever downloaded.
if ! bash build/find-browser.sh >/dev/null 2>&1; then
  apt_install "a browser (Debian's Chromium)" chromium
fi
if browser=$(bash build/find-browser.sh 2>/dev/null); then
  echo "Browser for the page tests: $browser"
else
  missing+=("a browser ($(bash build/find-browser.sh 2>&1 >/dev/null || true))")
fi

command -v zip >/dev/null || apt_install zip zip

# build/test-workflows.sh reads the workflows' structure with yq (Debian's, a jq front end).
command -v yq >/dev/null || apt_install yq yq
# build/smoke.sh talks HTTP with curl and reads the answers with jq.
command -v curl >/dev/null || apt_install curl curl
command -v jq >/dev/null || apt_install jq jq

# The Native AOT package (the one deploy.yml ships by default) compiles and links with clang and lld against zlib;
# the published-bootstrap suite builds and drives it.
command -v clang >/dev/null || apt_install clang clang
command -v ld.lld >/dev/null || apt_install lld lld
[ -e /usr/include/zlib.h ] || apt_install zlib1g-dev zlib1g-dev

if [ ${#missing[@]} -gt 0 ]; then
  for item in "${missing[@]}"; do echo "Missing: $item" >&2; done
  echo "The test tools are incomplete: ${#missing[@]} missing, see above." >&2
  exit 1
fi
