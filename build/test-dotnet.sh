#!/usr/bin/env bash
# The xunit suite (unit, API, storage, Lambda and browser tests) through dotnet test.
set -uo pipefail
cd "$(dirname "$0")/.."

results=TestResults/dotnet
rm -rf "$results"
dotnet test ThumbApi.sln -c Release --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal"
code=$?

# The counts come from the TRX reports, one per test assembly, so that no console format is parsed.
read -r passed failed skipped < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' |
  sed -E 's/.*total="([0-9]+)".*passed="([0-9]+)".*failed="([0-9]+)".*/\1 \2 \3/' |
  awk '{t+=$1; p+=$2; f+=$3} END {print p+0, f+0, t-p-f+0}')
if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "dotnet: $passed passed, $failed failed, $skipped skipped"
exit $code
