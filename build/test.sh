#!/usr/bin/env bash
# The whole test suite: installs what the tests need, runs every suite, and ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash build/install-test-tools.sh || { echo "Installing the test tools failed."; echo "0 passed, 1 failed"; exit 1; }

suites=(build/test-dotnet.sh)
for suite in build/test-iac.sh build/test-workflows.sh; do [ -f "$suite" ] && suites+=("$suite"); done

passed=0; failed=0; skipped=0; status=0
for suite in "${suites[@]}"; do
  echo "=== $suite"
  log=$(mktemp)
  bash "$suite" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  # Every suite ends with "<name>: N passed, N failed, N skipped".
  summary=$(tail -n 1 "$log")
  if [[ $summary =~ :\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2])); skipped=$((skipped + BASH_REMATCH[3]))
  else
    echo "$suite did not end with a summary line"; failed=$((failed + 1))
  fi
  [ "$code" -ne 0 ] && status=1
  rm -f "$log"
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
