#!/usr/bin/env bash
# Deadline-day autosave benchmark: starts the app (Release build; Development settings, which allow the
# session cookie over plain http on loopback and seed the demo data) on a fresh
# database of the local cluster, drives it with tests/CopAssessment.Benchmarks.Load, prints the figures,
# stops it.
#   scripts/bench-autosave.sh [sessions] [seconds] [rate]
# rate (saves per second, default 1000) is offered open-loop over all sessions; rate 0 = closed loop,
# every session saving back to back, which measures the saturation throughput instead.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-128}"; seconds="${2:-20}"; rate="${3:-1000}"
cs="$(PGLOCAL_FRESH=1 scripts/pg-local.sh cop_bench_autosave)"
dotnet build CopAssessment.sln -c Release -v quiet -nologo >/dev/null
export ConnectionStrings__Cop="$cs" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Jobs__Enabled=false \
  Security__SignInAttemptsPerMinute=100000 Security__SignInAttemptsPerAccountPerMinute=100000
(cd src/CopAssessment.Web && exec dotnet bin/Release/net10.0/CopAssessment.Web.dll --urls http://127.0.0.1:5077) > /tmp/cop-bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5077/health/ready >/dev/null && break; sleep 1; done
dotnet tests/CopAssessment.Benchmarks.Load/bin/Release/net10.0/CopAssessment.Benchmarks.Load.dll http://127.0.0.1:5077 "$cs" "$sessions" "$seconds" "$rate"
