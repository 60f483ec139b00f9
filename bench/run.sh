#!/usr/bin/env bash
# Runs both engines and sharp over the corpus inputs, one JSON line per (tool, file), into bench/results/.
# usage: bash bench/run.sh [ITERATIONS]   (images from tests/corpus, see its README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-30}
corpus=tests/corpus
files=("$corpus/syn_12mp_4000x3000_q90.jpg" "$corpus/syn_exif6_stored4000x3000.jpg" "$corpus/photo_cups_2560x1600_gps.jpg"
  "$corpus/syn_2000x1500_q80.webp" "$corpus/syn_alpha_1600x1200.png" "$corpus/syn_anim_480x360_8f.gif")
out=bench/results/$(date -u +%Y-%m-%dT%H%MZ).jsonl
mkdir -p bench/results
(cd bench/sharp && npm ci --silent)
dotnet build -c Release bench/ThumbApi.Bench >/dev/null
{
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  # One process per file, so each file's first call is a cold one, as on a fresh Lambda instance.
  for file in "${files[@]}"; do
    node bench/sharp/bench.js --preset small --iterations "$iterations" "$file"
    dotnet run -c Release --no-build --project bench/ThumbApi.Bench -- --engine NetVips --preset small --iterations "$iterations" "$file"
    dotnet run -c Release --no-build --project bench/ThumbApi.Bench -- --engine ImageSharp --preset small --iterations "$iterations" "$file"
  done
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>/dev/null | grep -v "^Using launch settings" | tee "$out"
