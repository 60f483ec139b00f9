#!/usr/bin/env bash
# The xunit suite (unit, API, storage, Lambda and browser tests) through dotnet test.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
dotnet test ThumbApi.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: N, Passed: N, Skipped: N, Total: N" line per test assembly.
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "dotnet: $passed passed, $failed failed, $skipped skipped"
exit $code
