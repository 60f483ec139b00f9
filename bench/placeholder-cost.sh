#!/usr/bin/env bash
# What the placeholder, ThumbHash, dominant colour and displayed size add to a job: the whole job (every configured
# preset, one Render call) timed at a commit before they were computed and at one after, same files, same machine.
# usage: bash bench/placeholder-cost.sh [ITERATIONS] [BEFORE_COMMIT] [AFTER_COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-20}
before=${2:-ff08332}
after=${3:-HEAD}
corpus=$PWD/tests/corpus
files=("$corpus/syn_12mp_4000x3000_q90.jpg" "$corpus/photo_cups_2560x1600_gps.jpg" "$corpus/syn_alpha_1600x1200.png")
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before" 2>/dev/null; git worktree remove --force "$work/after" 2>/dev/null; rm -rf "$work"' EXIT
echo "# $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg); before=$(git rev-parse --short "$before") after=$(git rev-parse --short "$after")"
for side in before after; do
  git worktree add -q --detach "$work/$side" "${!side}"
  dotnet build -c Release "$work/$side/bench/ThumbApi.Bench" >/dev/null
done
for file in "${files[@]}"; do
  for engine in NetVips ImageSharp; do
    for side in before after; do
      printf '%s ' "$side"
      dotnet run -c Release --no-build --project "$work/$side/bench/ThumbApi.Bench" -- \
        --engine "$engine" --preset all --iterations "$iterations" "$file" 2>/dev/null | grep -v "^Using launch settings"
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
