#!/usr/bin/env bash
# Public results benchmark: 193 validated countries over three published cycles (two named, one anonymised); the
# results list, a cycle's page, a country's page and the open-data files, warm, through HTTP against PostgreSQL
# (ResultsBenchmarkTests). Prints the medians it wrote to artifacts/benchmarks/results.md.
#   scripts/bench-results.sh
# Uses ConnectionStrings__Cop when set (a server the tests may create databases on), otherwise the local cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop_test)}"
dotnet build tests/CopAssessment.Web.Tests -c Release -v quiet -nologo >/dev/null
dotnet test tests/CopAssessment.Web.Tests -c Release --no-build --nologo -v quiet \
  --filter "FullyQualifiedName~Results.ResultsBenchmarkTests"
cat artifacts/benchmarks/results.md
echo "machine: $(nproc) vCPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(dotnet --version)"
