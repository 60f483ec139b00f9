#!/usr/bin/env bash
# Prints the path of the Chromium-family browser the browser tests drive, first found of:
#   $THUMBAPI_CHROMIUM (any Chromium or Google Chrome executable you choose),
#   Debian's /usr/bin/chromium,
#   google-chrome, google-chrome-stable, chromium-browser or chromium on PATH (GitHub's runners have google-chrome).
# build/install-test-tools.sh and the tests (tests/ThumbApi.Tests/Page/Browser.cs) both ask this script, so they agree.
set -euo pipefail

if [ -n "${THUMBAPI_CHROMIUM:-}" ]; then
  if [ -x "$THUMBAPI_CHROMIUM" ] && [ -f "$THUMBAPI_CHROMIUM" ]; then echo "$THUMBAPI_CHROMIUM"; exit 0; fi
  echo "THUMBAPI_CHROMIUM=$THUMBAPI_CHROMIUM is not an executable file." >&2
  exit 1
fi
if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
for name in google-chrome google-chrome-stable chromium-browser chromium; do
  if path=$(command -v "$name"); then echo "$path"; exit 0; fi
done
echo "No browser found: install Debian's chromium package (build/install-test-tools.sh does) or Google Chrome," \
  "or set THUMBAPI_CHROMIUM to a Chromium or Chrome executable." >&2
exit 1
