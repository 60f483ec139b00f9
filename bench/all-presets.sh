#!/usr/bin/env bash
# The whole job per image, side by side in one run: every configured preset from one decode (ThumbApi.Bench
# --preset all) against sharp's single `small` thumbnail and sharp doing every preset (one decode each), over a
# ~4 MP photo, the 12 MP JPEG and a 24 MP JPEG made here from it (never committed), into bench/results/.
# usage: bash bench/all-presets.sh [ITERATIONS]   (images from tests/corpus, see its README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-20}
corpus=tests/corpus
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
out=bench/results/$(date -u +%Y-%m-%dT%H%MZ)-all-presets.jsonl
mkdir -p bench/results
(cd bench/sharp && npm ci --silent)
dotnet build -c Release bench/ThumbApi.Bench >/dev/null
# 6000×4000 (24 MP), quality 90, from the 12 MP one by libvips (through sharp): a large phone or camera photo.
node -e "require('./bench/sharp/node_modules/sharp')(process.argv[1]).resize(6000, 4000, { fit: 'cover' }).jpeg({ quality: 90 }).toFile(process.argv[2])" \
  "$corpus/syn_12mp_4000x3000_q90.jpg" "$scratch/syn_24mp_6000x4000_q90.jpg"
files=("$corpus/photo_cups_2560x1600_gps.jpg" "$corpus/syn_12mp_4000x3000_q90.jpg" "$scratch/syn_24mp_6000x4000_q90.jpg")
bench() { dotnet run -c Release --no-build --project bench/ThumbApi.Bench -- "$@"; }
{
  echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  # One process per (tool, file), so each file's first call is a cold one, as on a fresh Lambda instance.
  for file in "${files[@]}"; do
    node bench/sharp/bench.js --preset small --iterations "$iterations" "$file"
    node bench/sharp/bench.js --preset all --iterations "$iterations" "$file"
    bench --engine NetVips --preset small --iterations "$iterations" "$file"
    bench --engine NetVips --preset all --iterations "$iterations" "$file"
    bench --engine ImageSharp --preset all --iterations "$iterations" "$file"
  done
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>/dev/null | grep -v "^Using launch settings" | tee "$out"
