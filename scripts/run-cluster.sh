#!/usr/bin/env bash
# Runs the demo as a cluster on this machine: the project's PostgreSQL (scripts/pg-local.sh), two app
# instances on 127.0.0.1:5001 and :5002 (Release build, the same settings as scripts/run.sh), and Debian's
# nginx on http://127.0.0.1:5000 balancing them round-robin (deploy/nginx/run-cluster.conf). Migrations and
# seed data are applied once, before either instance starts. Ctrl+C stops everything.
# Logs: .local/cluster/ (each instance's) and .local/nginx/access.log (which instance answered each request).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

# What the app needs (PostgreSQL, Chromium, fonts) and nginx.
bash scripts/install-deps.sh cluster

if [ -z "${ConnectionStrings__Cop:-}" ]; then
  ConnectionStrings__Cop="$(scripts/pg-local.sh cop)"
  export ConnectionStrings__Cop
  echo "Using the local PostgreSQL cluster on 127.0.0.1:${PGLOCAL_PORT:-55432}."
fi
for port in 5000 5001 5002; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "error: port $port on 127.0.0.1 is already in use. Stop the other program first." >&2
    exit 1
  fi
done

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet build CopAssessment.sln -c Release -v quiet -nologo
app="$repo/src/CopAssessment.Web/bin/Release/net10.0/CopAssessment.Web.dll"
mkdir -p .local/cluster .local/nginx

# Once, here: the instances must not both migrate at start-up (Development would).
(cd src/CopAssessment.Web && dotnet "$app" migrate)
export Database__MigrateOnStartup=false
# Forwarded headers are believed from nginx only: it connects to the instances from 127.0.0.2 (proxy_bind).
export ForwardedHeaders__KnownProxies__0=127.0.0.2

pids=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping nginx and the instances…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

for port in 5001 5002; do
  # The same content root as scripts/run.sh (views, Resources, the mail pickup folder .local/mail are shared).
  (cd src/CopAssessment.Web && exec dotnet "$app" --urls "http://127.0.0.1:$port") > ".local/cluster/app-$port.log" 2>&1 &
  pids+=($!)
done
for port in 5001 5002; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "error: an instance stopped; see .local/cluster/app-*.log" >&2; tail -n 20 .local/cluster/app-*.log >&2; exit 1; }; done
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "error: the instance on :$port is not ready; see .local/cluster/app-$port.log" >&2; exit 1; }
done

nginx="$(command -v nginx || echo /usr/sbin/nginx)"
"$nginx" -p "$repo/.local/nginx/" -c "$repo/deploy/nginx/run-cluster.conf" &
pids+=($!)
for _ in $(seq 1 20); do curl -sf http://127.0.0.1:5000/health/ready >/dev/null && break; sleep 0.25; done
curl -sf http://127.0.0.1:5000/health/ready >/dev/null || { echo "error: nginx does not answer on :5000; see .local/nginx/error.log" >&2; exit 1; }

echo "Serving on http://127.0.0.1:5000 through nginx, round-robin over 127.0.0.1:5001 and :5002 — demo accounts"
echo "are listed in README.md. Logs: .local/cluster/app-500{1,2}.log, .local/nginx/access.log (upstream= names"
echo "the instance). Ctrl+C stops everything."
# Until nginx stops (Ctrl+C, or an error nginx has logged); an instance that dies is left to the operator to see:
# nginx sends its requests to the other one meanwhile.
wait "${pids[2]}" || true
