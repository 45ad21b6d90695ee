#!/usr/bin/env bash
# Carry-forward benchmark: 193 validated MNR submissions with full answers and evidence carried into a new cycle as it
# opens (CarryForwardBenchmarkTests, a database of its own). Prints the figures it wrote to artifacts/benchmarks/carry-forward.md.
#   scripts/bench-carry.sh
# Uses ConnectionStrings__Cop when set (a server the tests may create databases on), otherwise the local cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop_test)}"
dotnet build tests/CopAssessment.Web.Tests -c Release -v quiet -nologo >/dev/null
dotnet test tests/CopAssessment.Web.Tests -c Release --no-build --nologo -v quiet \
  --filter "FullyQualifiedName~Cycles.CarryForwardBenchmarkTests"
cat artifacts/benchmarks/carry-forward.md
echo "machine: $(nproc) vCPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(dotnet --version)"
