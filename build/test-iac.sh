#!/usr/bin/env bash
# Offline checks of the Terraform in iac/ and iac/bootstrap/: fmt, validate and
# `terraform test` (mock provider). Last line: "iac: N passed, M failed, 0 skipped".
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Local machines without registry access carry the aws provider in a
# filesystem mirror; CI (no mirror) falls back to the public registry.
mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
if [[ -d "$mirror" ]]; then
  cat >"$work/terraform.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
}
RC
else
  : >"$work/terraform.rc"
fi
export TF_CLI_CONFIG_FILE="$work/terraform.rc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

passed=0
failed=0

check() { # check <label> <command...>: one pass/fail, output shown on failure
  local label="$1"
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $label"
  else
    failed=$((failed + 1))
    echo "FAIL $label"
    sed 's/^/    /' "$work/out"
  fi
}

for dir in iac iac/bootstrap; do
  check "$dir: terraform fmt" terraform -chdir="$dir" fmt -check -recursive -diff

  # init is a prerequisite, not a check: without providers nothing else runs.
  # -lockfile=readonly: the committed lock file is the source of truth.
  if ! terraform -chdir="$dir" init -backend=false -input=false -lockfile=readonly >"$work/out" 2>&1; then
    failed=$((failed + 1))
    echo "FAIL $dir: terraform init"
    sed 's/^/    /' "$work/out"
    continue
  fi

  check "$dir: terraform validate" terraform -chdir="$dir" validate -no-color

  # Each run block counts; the summary reads "Success! N passed, M failed."
  # or "Failure! N passed, M failed.".
  set +e
  terraform -chdir="$dir" test -no-color >"$work/test.out" 2>&1
  rc=$?
  set -e
  summary="$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$work/test.out" | tail -n 1 || true)"
  if [[ -n "$summary" ]]; then
    p="${summary%% passed*}"
    f="${summary#*passed, }"
    f="${f%% failed*}"
    passed=$((passed + p))
    failed=$((failed + f))
    echo "     $dir: terraform test: $summary"
  fi
  if [[ $rc -ne 0 || -z "$summary" ]]; then
    # A crash before any run (or no summary at all) must still fail the suite.
    [[ -z "$summary" || ${f:-0} -eq 0 ]] && failed=$((failed + 1))
    echo "FAIL $dir: terraform test"
    sed 's/^/    /' "$work/test.out"
  fi
done

echo "iac: $passed passed, $failed failed, 0 skipped"
[[ $failed -eq 0 ]]
