#!/usr/bin/env bash
# Adds an EF Core migration to migrations/CopAssessment.Migrations: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/add-migration.sh NAME" >&2; exit 2; }
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop)}"
dotnet tool restore >/dev/null
dotnet build CopAssessment.sln -v quiet -nologo
dotnet ef migrations add "$1" --no-build --project migrations/CopAssessment.Migrations --startup-project src/CopAssessment.Web
