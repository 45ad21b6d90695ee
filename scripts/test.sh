#!/usr/bin/env bash
# Runs every test project against a real PostgreSQL (the project's own cluster) and Debian's
# Chromium. Installs what is missing first. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Tests create and drop their own databases on this cluster; fsync off only for speed of tests.
if [ -z "${ConnectionStrings__Cop:-}" ]; then
  ConnectionStrings__Cop="$(PGLOCAL_FSYNC=off scripts/pg-local.sh cop_test)"
  export ConnectionStrings__Cop
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

dotnet build CopAssessment.sln -c Release -nologo -v quiet
status=0
for project in tests/CopAssessment.Domain.Tests tests/CopAssessment.Web.Tests tests/CopAssessment.Browser.Tests; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" \
    --results-directory artifacts/test-results || status=1
done
if [ $status -ne 0 ]; then echo "TESTS FAILED"; else echo "All test projects passed."; fi
exit $status
