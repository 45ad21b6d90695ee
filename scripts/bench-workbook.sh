#!/usr/bin/env bash
# Offline workbook benchmark: a complete 146-question assessment downloaded as a workbook, every answer changed
# in it, uploaded with preview and confirmed, through HTTP against PostgreSQL (WorkbookBenchmarkTests, which also
# holds the goal of under a second each). Prints the figures it wrote to artifacts/benchmarks/workbook.md.
#   scripts/bench-workbook.sh
# Uses ConnectionStrings__Cop when set (a server the tests may create databases on), otherwise the local cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop_test)}"
dotnet build tests/CopAssessment.Web.Tests -c Release -v quiet -nologo >/dev/null
dotnet test tests/CopAssessment.Web.Tests -c Release --no-build --nologo -v quiet \
  --filter "FullyQualifiedName~Assessments.WorkbookBenchmarkTests"
cat artifacts/benchmarks/workbook.md
echo "machine: $(nproc) vCPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(dotnet --version)"
