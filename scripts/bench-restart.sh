#!/usr/bin/env bash
# Autosave under load while PostgreSQL restarts (pg_ctl restart -m fast), on a throwaway cluster of its own (a free
# port of 127.0.0.1, a temporary folder, deleted at the end), so the local cluster other work runs on stays up.
# Starts the app (Release build, Development settings as scripts/bench-autosave.sh) on it, drives it with
# tests/CopAssessment.Benchmarks.Load and restarts the database RESTART_AT seconds into the load.
#   scripts/bench-restart.sh [sessions] [seconds] [rate] [restart-at]
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-128}"; seconds="${2:-20}"; rate="${3:-1000}"; restart_at="${4:-15}"

bindir=""
for candidate in "${PG_BINDIR:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) ; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
[ -n "$bindir" ] || { echo "error: PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BINDIR" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir="$(mktemp -d /tmp/cop-bench-pg.XXXXXX)"
[ "$(id -u)" = "0" ] && chown postgres: "$dir"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"; web="$(free_port)"
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
# Trust is safe here: loopback only, a cluster that lives for this run.
as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
ctl=(-D "$dir/data" -l "$dir/server.log" -w -t 60)
options="-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c shared_buffers=256MB"
as_owner "$bindir/pg_ctl" "${ctl[@]}" -o "$options" start >/dev/null
"$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc 'CREATE DATABASE cop_bench_restart' >/dev/null
cs="Host=127.0.0.1;Port=$port;Database=cop_bench_restart;Username=postgres"

dotnet build CopAssessment.sln -c Release -v quiet -nologo >/dev/null
export ConnectionStrings__Cop="$cs" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Jobs__Enabled=false \
  Security__SignInAttemptsPerMinute=100000 Security__SignInAttemptsPerAccountPerMinute=100000
(cd src/CopAssessment.Web && exec dotnet bin/Release/net10.0/CopAssessment.Web.dll --urls http://127.0.0.1:$web) > /tmp/cop-bench-restart-app.log 2>&1 &
app=$!
for _ in $(seq 1 180); do curl -sf http://127.0.0.1:$web/health/ready >/dev/null && break; sleep 1; done
# The restart is timed from the load's start (after sign-in), so it falls inside the measured window.
export COP_BENCH_RESTART_AT="$restart_at"
if [ "$(id -u)" = "0" ]; then prefix="runuser -u postgres -- "; else prefix=""; fi
export COP_BENCH_RESTART_COMMAND="$prefix$bindir/pg_ctl ${ctl[*]} -o '$options' -m fast restart >/dev/null"
dotnet tests/CopAssessment.Benchmarks.Load/bin/Release/net10.0/CopAssessment.Benchmarks.Load.dll http://127.0.0.1:$web "$cs" "$sessions" "$seconds" "$rate" || true
