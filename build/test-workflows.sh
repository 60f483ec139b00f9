#!/usr/bin/env bash
# Checks the GitHub Actions workflows: schema-validates every file with action-validator, then checks that the
# deploy workflow can only ship a commit whose tests passed, one deploy at a time, and ends with the smoke test.
# Last line: "workflows: N passed, M failed, 0 skipped" (one per file validated, one per gating property).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

validator="build/tools/node_modules/.bin/action-validator"
if [[ ! -x "$validator" ]]; then
  npm ci --prefix build/tools --no-audit --no-fund >/dev/null
fi
command -v yq >/dev/null || { echo "yq is missing: run build/install-test-tools.sh"; echo "workflows: 0 passed, 1 failed, 0 skipped"; exit 1; }

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
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

for wf in "${workflows[@]}"; do
  if out="$("$validator" "$wf" 2>&1)"; then
    pass "$wf: schema"
  else
    fail "$wf: schema"
    sed 's/^/    /' <<<"$out"
  fi
done

ci=.github/workflows/ci.yml
deploy=.github/workflows/deploy.yml
# check <label> <file> <jq expression that must be true>
check() {
  if [[ -f "$2" ]] && [[ "$(yq -r "$3" "$2" 2>&1)" == true ]]; then pass "$1"; else fail "$1"; fi
}

check "ci.yml tests every push to main" "$ci" \
  '(.on.push.branches // []) | index("main") != null'
ci_name="$(yq -r .name "$ci" 2>/dev/null || true)"
check "deploy.yml runs only when the CI workflow completes on main" "$deploy" \
  "(.on | keys) == [\"workflow_run\"] and .on.workflow_run.workflows == [\"$ci_name\"]
   and .on.workflow_run.types == [\"completed\"] and .on.workflow_run.branches == [\"main\"]"
check "every deploy job requires a successful CI run of a push to this repository's main" "$deploy" \
  '[.jobs[] | (.if // "") | contains("github.event.workflow_run.conclusion == '"'success'"'")
     and contains("github.event.workflow_run.event == '"'push'"'")
     and contains("github.event.workflow_run.head_branch == '"'main'"'")
     and contains("github.event.workflow_run.head_repository.full_name == github.repository")] | all'
check "deploy.yml deploys the tested commit (head_sha), not the branch tip" "$deploy" \
  '[.jobs[] | .steps[] | select((.uses // "") | startswith("actions/checkout@"))
     | .with.ref == "${{ github.event.workflow_run.head_sha }}"] | (length > 0 and all)'
check "deploy.yml never runs two deploys at once and never cancels one" "$deploy" \
  '(.concurrency.group | type) == "string" and .concurrency["cancel-in-progress"] == false'
check "deploy.yml ends with build/smoke.sh on the URL it deployed" "$deploy" \
  '[.jobs[] | .steps[-1].run // "" | test("build/smoke\\.sh \"\\$api_url\"")] | all'
check "deploy.yml ships the Native AOT package unless LAMBDA_PACKAGE is readytorun" "$deploy" \
  '[.jobs[] | .env.PACKAGE_KIND == "${{ vars.LAMBDA_PACKAGE == '"'readytorun'"' && '"'readytorun'"' || '"'aot'"' }}"] | all'
check "deploy.yml applies before it smoke-tests" "$deploy" \
  '[.jobs[] | [.steps[].run // ""] | (map(test("terraform apply")) | index(true)) < (map(test("smoke\\.sh")) | index(true))] | all'

echo "workflows: $passed passed, $failed failed, 0 skipped"
[[ $failed -eq 0 ]]
