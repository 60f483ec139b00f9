#!/usr/bin/env bash
# Schema-validates every GitHub Actions workflow with action-validator.
# Last line: "workflows: N passed, M failed, 0 skipped" (one check per file).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

validator="build/tools/node_modules/.bin/action-validator"
if [[ ! -x "$validator" ]]; then
  npm ci --prefix build/tools --no-audit --no-fund >/dev/null
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
shopt -u nullglob
# Nothing to check is a failure, not a green run: a moved or deleted workflow folder must not pass silently.
if [[ ${#workflows[@]} -eq 0 ]]; then
  echo "FAIL no workflow files under .github/workflows"
  echo "workflows: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

passed=0
failed=0
for wf in "${workflows[@]}"; do
  if out="$("$validator" "$wf" 2>&1)"; then
    passed=$((passed + 1))
    echo "ok   $wf"
  else
    failed=$((failed + 1))
    echo "FAIL $wf"
    sed 's/^/    /' <<<"$out"
  fi
done

echo "workflows: $passed passed, $failed failed, 0 skipped"
[[ $failed -eq 0 ]]
