#!/usr/bin/env bash
# Runs the app on http://127.0.0.1:5000 with demo data. Without ConnectionStrings__Cop it starts the
# project's own PostgreSQL cluster (scripts/pg-local.sh); migrations and seed data apply at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the app needs to work fully (PostgreSQL, Chromium for PDF reports, fonts for Arabic and Chinese).
bash scripts/install-deps.sh app

if [ -z "${ConnectionStrings__Cop:-}" ]; then
  ConnectionStrings__Cop="$(scripts/pg-local.sh cop)"
  export ConnectionStrings__Cop
  echo "Using the local PostgreSQL cluster on 127.0.0.1:${PGLOCAL_PORT:-55432}."
fi
if (exec 3<>/dev/tcp/127.0.0.1/5000) 2>/dev/null; then
  echo "error: port 5000 on 127.0.0.1 is already in use. Stop the other program first." >&2
  exit 1
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet build CopAssessment.sln -c Release -v quiet -nologo
echo "Serving on http://127.0.0.1:5000 — demo accounts are listed in README.md (Ctrl+C stops)."
cd src/CopAssessment.Web
exec dotnet run --no-build -c Release --no-launch-profile --urls http://127.0.0.1:5000 "$@"
