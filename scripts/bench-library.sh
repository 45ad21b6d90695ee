#!/usr/bin/env bash
# Best-practice library benchmark (issue 6): 10,000 published practices, search with two filters.
# Starts the project's local PostgreSQL cluster, creates a throw-away database, prints p50/p95/p99.
# Usage: bash scripts/bench-library.sh [iterations] [practices]
set -euo pipefail
cd "$(dirname "$0")/.."
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop)}"
dotnet build tests/CopAssessment.Benchmarks.Library -c Release -v quiet -nologo
dotnet run -c Release --no-build --project tests/CopAssessment.Benchmarks.Library -- "${1:-400}" "${2:-10000}"
