#!/usr/bin/env bash
# Slow-link benchmark (issue 15): bytes on the wire and time until usable, first and repeat visit, for the
# sign-in page, the dashboard, a domain page, the review page and the library, in Debian's Chromium throttled
# to 400 kbit/s and 400 ms round trip (CDP Network.emulateNetworkConditions). Starts the app from the Release
# build (the Testing environment: production's caching and compression, demo data seeded) on a database of its own,
# prints the figures, stops it.
#   scripts/bench-slow-link.sh [runs]            median of `runs` (default 3) per page
#   BENCH_URL=http://host:port scripts/bench-slow-link.sh [runs]   measures an app that is already running
# ConnectionStrings__Cop names the PostgreSQL server (default: the project's local cluster, scripts/pg-local.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
dotnet build CopAssessment.sln -c Release -v quiet -nologo >/dev/null
if [ -z "${BENCH_URL:-}" ]; then
  base="${ConnectionStrings__Cop:-$(scripts/pg-local.sh cop_bench_slowlink)}"
  # A database of its own on that server (created and migrated by the app), whatever the given one names.
  cs="$(echo "$base" | sed -E 's/(^|;)Database=[^;]*/\1Database=cop_bench_slowlink/')"
  case "$cs" in *Database=cop_bench_slowlink*) ;; *) cs="$cs;Database=cop_bench_slowlink" ;; esac
  # The Testing environment: production's pipeline (appsettings.json: immutable asset caching, compression, error
  # pages) but the session cookie allowed over plain http on loopback, and the demo data.
  export ConnectionStrings__Cop="$cs" ASPNETCORE_ENVIRONMENT=Testing Database__MigrateOnStartup=true Demo__Enabled=true \
    Logging__LogLevel__Default=Warning Jobs__Enabled=false \
    Security__SignInAttemptsPerMinute=100000 Security__SignInAttemptsPerAccountPerMinute=100000
  (cd src/CopAssessment.Web && exec dotnet bin/Release/net10.0/CopAssessment.Web.dll --urls http://127.0.0.1:5078) > /tmp/cop-bench-slowlink.log 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do curl -sf http://127.0.0.1:5078/health/ready >/dev/null && break; sleep 1; done
  BENCH_URL=http://127.0.0.1:5078
fi
dotnet tests/CopAssessment.Benchmarks.SlowLink/bin/Release/net10.0/CopAssessment.Benchmarks.SlowLink.dll "$BENCH_URL" "$runs"
