#!/usr/bin/env bash
# Runs every test project against a real PostgreSQL (the project's own cluster) and Debian's
# Chromium. Installs what is missing first. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh test

# Tests create and drop their own databases on this cluster; fsync off only for speed of tests.
if [ -z "${ConnectionStrings__Cop:-}" ]; then
  ConnectionStrings__Cop="$(PGLOCAL_FSYNC=off scripts/pg-local.sh cop_test)"
  export ConnectionStrings__Cop
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
# axe-core for the accessibility browser tests: a test-only npm package pinned by package-lock.json.
[ -d tests/CopAssessment.Browser.Tests/node_modules/axe-core ] || (cd tests/CopAssessment.Browser.Tests && npm ci --no-audit --no-fund --silent)

dotnet build CopAssessment.sln -c Release -nologo -v quiet
status=0
log="$(mktemp)"
for project in tests/CopAssessment.Domain.Tests tests/CopAssessment.Web.Tests tests/CopAssessment.Browser.Tests; do
  echo "== $project"
  set +e
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=minimal" \
    --results-directory artifacts/test-results 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
done
# One closing line over all projects, from the runners' own summaries.
grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
if [ $status -ne 0 ]; then echo "TESTS FAILED"; fi
exit $status
