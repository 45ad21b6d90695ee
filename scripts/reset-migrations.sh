#!/usr/bin/env bash
# Regenerates the single migration from the current model (used while no database outside
# development exists yet). Serialised with a lock so two people running it at once do not clash.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/cop-assessment-migrations.lock
flock 9
export ConnectionStrings__Cop="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop)}"
dotnet tool restore >/dev/null
dotnet build src/CopAssessment.Web -v quiet -nologo
rm -f migrations/CopAssessment.Migrations/Migrations/*.cs
dotnet ef migrations add Initial --project migrations/CopAssessment.Migrations --startup-project src/CopAssessment.Web
dotnet build migrations/CopAssessment.Migrations -v quiet -nologo
