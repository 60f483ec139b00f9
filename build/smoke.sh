#!/usr/bin/env bash
# End-to-end check of a running ThumbApi, deployed or local:
#   build/smoke.sh <api-url> [api-key]
# asks for an upload, sends a real photo through the returned form, waits until the image is ready, fetches its
# `small` thumbnail and checks that it is an 80×80 PNG, then deletes the image with its delete token and waits until
# its thumbnail is gone from storage (the removal's cascade), so a run leaves nothing behind. Prints each step with its
# time; exits non-zero on any failure, a dead URL included. SMOKE_IMAGE (a JPEG, default build/smoke/photo.jpg) and SMOKE_READY_SECONDS
# (default 90: a cold thumbnails function plus S3 → SNS delivery) change what is sent and how long to wait.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  echo "usage: $0 <api-url> [api-key]" >&2
  exit 2
fi
api="${1%/}"
key="${2:-}"
image="${SMOKE_IMAGE:-$(dirname "$0")/smoke/photo.jpg}"
ready_seconds="${SMOKE_READY_SECONDS:-90}"
for tool in curl jq od; do command -v "$tool" >/dev/null || { echo "smoke: $tool is missing" >&2; exit 2; }; done
[[ -f "$image" ]] || { echo "smoke: no image at $image" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s%N)
step_started=$started

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
step() { step_started=$(date +%s%N); echo "smoke: [$(ms_since "$started") ms] $*"; }
done_step() { echo "smoke: [$(ms_since "$started") ms]   ok in $(ms_since "$step_started") ms: $*"; }
fail() {
  echo "smoke: [$(ms_since "$started") ms] FAILED: $*" >&2
  exit 1
}

# http <expected status> <output file> <curl arguments...>: fails the run on a transport error or another status.
http() {
  local expected="$1" out="$2" status
  shift 2
  if ! status="$(curl -sS --max-time 30 -o "$out" -w '%{http_code}' "$@" 2>"$work/curl.err")"; then
    fail "$(cat "$work/curl.err")"
  fi
  if [[ "$status" != "$expected" ]]; then
    fail "expected HTTP $expected, got $status: $(head -c 500 "$out")"
  fi
}

auth=()
[[ -n "$key" ]] && auth=(-H "X-Api-Key: $key")

step "POST $api/uploads"
size=$(stat -c %s "$image")
http 201 "$work/upload.json" -X POST "$api/uploads" "${auth[@]}" -H 'Content-Type: application/json' \
  --data "$(jq -cn --arg name "$(basename "$image")" --argjson size "$size" \
    '{fileName: $name, contentType: "image/jpeg", contentLength: $size}')"
name="$(jq -er .name "$work/upload.json")" || fail "no name in $(cat "$work/upload.json")"
form_url="$(jq -er .upload.url "$work/upload.json")" || fail "no upload.url in the answer"
file_field="$(jq -er .upload.fileField "$work/upload.json")" || fail "no upload.fileField in the answer"
status_path="$(jq -er .status "$work/upload.json")" || fail "no status URL in the answer"
done_step "image name $name"

# Every policy field first, verbatim (--form-string: a value starting with @ or < is not a file), the file last.
step "POST the photo ($size bytes) to the upload form"
fields=()
while IFS= read -r -d '' field; do fields+=(--form-string "$field"); done < <(jq -j '.upload.fields | to_entries[] | "\(.key)=\(.value)\u0000"' "$work/upload.json")
status="$(curl -sS --max-time 60 -o "$work/form.out" -w '%{http_code}' "${fields[@]}" \
  -F "$file_field=@$image;type=image/jpeg" "$form_url" 2>"$work/curl.err")" || fail "$(cat "$work/curl.err")"
[[ "$status" =~ ^2 ]] || fail "the upload form answered HTTP $status: $(head -c 500 "$work/form.out")"
done_step "HTTP $status"

step "GET $status_path until ready (at most ${ready_seconds} s)"
deadline=$(($(date +%s) + ready_seconds))
while true; do
  http 200 "$work/status.json" "$api$status_path"
  state="$(jq -r .status "$work/status.json")"
  case "$state" in
    ready) break ;;
    pending) ;;
    *) fail "the image is $state: $(cat "$work/status.json")" ;;
  esac
  [[ $(date +%s) -lt $deadline ]] || fail "still pending after ${ready_seconds} s: $(cat "$work/status.json")"
  sleep 0.5
done
done_step "ready"

small="$(jq -er '.thumbnails.small' "$work/status.json")" || fail "the status lists no small thumbnail: $(cat "$work/status.json")"
step "GET $small (following the redirect)"
http 200 "$work/small.png" -L "$api$small"
# A PNG starts with its 8-byte signature, then the IHDR chunk: length, "IHDR", width and height as big-endian
# 32-bit integers (RFC 2083, 3.1 and 4.1.1).
header="$(od -An -tx1 -N24 -v "$work/small.png" | tr -d ' \n')"
[[ "${header:0:16}" == 89504e470d0a1a0a && "${header:24:8}" == 49484452 ]] ||
  fail "the small thumbnail is not a PNG (starts with $header)"
width=$((16#${header:32:8}))
height=$((16#${header:40:8}))
[[ $width -eq 80 && $height -eq 80 ]] || fail "the small thumbnail is ${width}×${height}, expected 80×80"
done_step "80×80 PNG, $(stat -c %s "$work/small.png") bytes"

# The same lookup, not followed: where the thumbnail is stored, to check it goes with the image.
stored="$(curl -sS --max-time 30 -o /dev/null -w '%{redirect_url}' "$api$small" 2>"$work/curl.err")" || fail "$(cat "$work/curl.err")"
[[ -n "$stored" ]] || fail "GET $small did not redirect to the stored thumbnail"
token="$(jq -er .deleteToken "$work/upload.json")" || fail "no deleteToken in the upload's answer"
step "DELETE $status_path with the upload's delete token"
http 204 "$work/delete.out" -X DELETE -H "Authorization: Bearer $token" "$api$status_path"
http 404 "$work/after.json" "$api$status_path"
done_step "deleted; the status is 404"

step "wait until the stored thumbnail is gone (at most ${ready_seconds} s)"
deadline=$(($(date +%s) + ready_seconds))
while true; do
  status="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' "$stored" 2>"$work/curl.err")" || fail "$(cat "$work/curl.err")"
  [[ "$status" == 200 ]] || break
  [[ $(date +%s) -lt $deadline ]] || fail "the small thumbnail is still stored ${ready_seconds} s after the delete"
  sleep 0.5
done
done_step "its URL answers HTTP $status"

echo "smoke: passed in $(ms_since "$started") ms"
