#!/usr/bin/env bash
# Load on POST /uploads next to GET /health (the same app's hello-world), on loopback, with wrk.
# Usage: bench/load/run.sh [seconds per endpoint, default 15] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/ThumbApi -c Release -v q -nologo >/dev/null
root=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
Storage__LocalRoot=$root RateLimiting__Burst=100000000 RateLimiting__UploadsPerMinute=100000000 \
  Logging__LogLevel__Default=Warning \
  dotnet src/ThumbApi/bin/Release/net10.0/ThumbApi.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$root" "${out:-}"' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.2; done

out=$(mktemp -d)
measure() { # name, file, wrk arguments…
  local name=$1 file=$out/$2; shift 2
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" > "$file"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p50=$(awk '$1=="50%" {print $2}' "$file")
  p99=$(awk '$1=="99%" {print $2}' "$file")
  errors=$( (grep -E 'Non-2xx|Socket errors' "$file" || echo "none") | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

echo "wrk -t2 -c$connections -d${seconds}s on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
# Warm-up, so that neither endpoint pays for JIT in its measurement.
wrk -t2 -c8 -d3s "http://127.0.0.1:$port/health" >/dev/null
wrk -t2 -c8 -d3s -s bench/load/upload.lua "http://127.0.0.1:$port/uploads" >/dev/null
measure "GET /health" health.txt "http://127.0.0.1:$port/health"
measure "POST /uploads" uploads.txt -s bench/load/upload.lua "http://127.0.0.1:$port/uploads"
