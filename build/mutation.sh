#!/usr/bin/env bash
# Mutation testing of the pure logic (upload policy, image names and key layout, event parsing, thumbnail geometry)
# with Stryker.NET, from the local tool manifest. Not part of CI: a habit, run after changing that code.
# What it mutates and which tests it runs are in build/stryker-config.json ("mutate" globs name files, not folders,
# so that moving a file between modules does not change them). The report lands in artifacts/mutation/.
# Last line: "mutation score: N %" (killed + timeout over all tested mutants).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

dotnet tool restore >/dev/null
output="$repo_root/artifacts/mutation"
rm -rf "$output"
cd tests/ThumbApi.Tests
dotnet tool run dotnet-stryker --config-file "$repo_root/build/stryker-config.json" --output "$output" "$@"

report="$output/reports/mutation-report.json"
[[ -f "$report" ]] || { echo "no mutation report at $report"; exit 1; }
python3 - "$report" <<'PY'
import json, sys, collections
report = json.load(open(sys.argv[1]))
total = collections.Counter()
for path, file in sorted(report["files"].items()):
    counts = collections.Counter(m["status"] for m in file["mutants"])
    total.update(counts)
    print(f"{path.split('/src/')[-1]}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for m in file["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            print(f"  {m['status']}: line {m['location']['start']['line']}: {m['mutatorName']}: {m.get('replacement', '')!r}")
detected = total["Killed"] + total["Timeout"]
tested = detected + total["Survived"] + total["NoCoverage"]
print(", ".join(f"{k} {v}" for k, v in sorted(total.items())))
print(f"mutation score: {100 * detected / tested:.1f} % ({detected} of {tested} mutants detected)")
PY
