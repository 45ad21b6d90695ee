#!/usr/bin/env bash
# Autosave through nginx against one and against two instances (docs/benchmarks.md, "Two instances behind nginx"):
# the load of scripts/bench-autosave.sh (tests/CopAssessment.Benchmarks.Load), sent to nginx on 127.0.0.1:5080
# with deploy/nginx/run-cluster.conf (ports moved to 5080–5082), for three cases, in turn, REPEAT times:
#   one      one instance behind nginx, open loop at `rate` saves/s
#   two      two instances behind nginx, the same offered rate
#   two-max  two instances, closed loop (every session saves back to back): the saturation throughput
# Every run starts from a copy of one freshly migrated demo database. Prints each run and the medians.
#   scripts/bench-cluster.sh [sessions] [seconds] [rate]      (REPEAT=3 by default)
# Uses ConnectionStrings__Cop's server when set, otherwise the project's own cluster (scripts/pg-local.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
sessions="${1:-128}"; seconds="${2:-20}"; rate="${3:-1000}"; repeat="${REPEAT:-3}"

bash scripts/install-deps.sh cluster
base="${ConnectionStrings__Cop:-$(scripts/pg-local.sh postgres)}"
field() { tr ';' '\n' <<<"$base" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print substr($0, index($0, "=") + 1) }'; }
host="$(field Host)"; port="$(field Port)"; user="$(field Username)"
export PGPASSWORD="$(field Password)"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
[ -x "$psql_bin" ] || psql_bin=psql
sql() { "$psql_bin" -h "$host" -p "${port:-5432}" -U "$user" -d postgres -qAtc "$1"; }
cs() { echo "Host=$host;Port=${port:-5432};Database=$1;Username=$user;Password=$PGPASSWORD"; }

dotnet build CopAssessment.sln -c Release -v quiet -nologo >/dev/null
app="$repo/src/CopAssessment.Web/bin/Release/net10.0/CopAssessment.Web.dll"
load="$repo/tests/CopAssessment.Benchmarks.Load/bin/Release/net10.0/CopAssessment.Benchmarks.Load.dll"
out="$repo/.local/bench-cluster"; mkdir -p "$out/nginx"
# The benchmark's settings (as scripts/bench-autosave.sh): demo data, no jobs, no sign-in limit for 128 sign-ins.
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Jobs__Enabled=false Database__MigrateOnStartup=false \
  Security__SignInAttemptsPerMinute=100000 Security__SignInAttemptsPerAccountPerMinute=100000 ForwardedHeaders__KnownProxies__0=127.0.0.2

# One migrated, seeded database; every run gets a copy of it.
sql "DROP DATABASE IF EXISTS cop_bench_cluster_seed WITH (FORCE)"; sql "CREATE DATABASE cop_bench_cluster_seed"
(cd src/CopAssessment.Web && ConnectionStrings__Cop="$(cs cop_bench_cluster_seed)" dotnet "$app" migrate >"$out/migrate.log" 2>&1)

pids=()
stop_all() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; pids=(); }
trap stop_all EXIT INT TERM

run() { # case instances rate
  local name="$1" instances="$2" offered="$3" database="cop_bench_cluster"
  sql "DROP DATABASE IF EXISTS $database WITH (FORCE)"; sql "CREATE DATABASE $database TEMPLATE cop_bench_cluster_seed"
  export ConnectionStrings__Cop; ConnectionStrings__Cop="$(cs $database)"
  for i in $(seq 1 "$instances"); do
    (cd src/CopAssessment.Web && exec dotnet "$app" --urls "http://127.0.0.1:$((5080 + i))") >"$out/app-$((5080 + i)).log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 1 "$instances"); do
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((5080 + i))/health/ready" >/dev/null && break; sleep 0.5; done
  done
  # run-cluster.conf on 5080–5082; with one instance, its second upstream server line is left out.
  sed -e 's/127\.0\.0\.1:5000;/127.0.0.1:5080;/' -e 's/127\.0\.0\.1:5001;/127.0.0.1:5081;/' -e 's/127\.0\.0\.1:5002;/127.0.0.1:5082;/' \
    deploy/nginx/run-cluster.conf | { if [ "$instances" = 1 ]; then grep -v 'server 127.0.0.1:5082;'; else cat; fi; } >"$out/nginx/run-cluster.conf"
  cp deploy/nginx/cop-site.conf "$out/nginx/"
  "$(command -v nginx || echo /usr/sbin/nginx)" -p "$out/nginx/" -c "$out/nginx/run-cluster.conf" &
  pids+=($!)
  for _ in $(seq 1 40); do curl -sf http://127.0.0.1:5080/health/ready >/dev/null && break; sleep 0.25; done
  echo "== $name: $instances instance(s) behind nginx, $([ "$offered" = 0 ] && echo "closed loop" || echo "$offered saves/s"); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$load" http://127.0.0.1:5080 "$ConnectionStrings__Cop" "$sessions" "$seconds" "$offered" | tee "$out/$name-$round.txt" || true
  echo "   upstream share: $(grep -o 'upstream=[0-9.:]*' "$out/nginx/access.log" | sort | uniq -c | tr '\n' ' ')"
  : >"$out/nginx/access.log"
  stop_all
}

for round in $(seq 1 "$repeat"); do
  run one 1 "$rate"
  run two 2 "$rate"
  run two-max 2 0
done

# Medians over the rounds: saves/s in the window, p50, p95, p99 (ms), lost writes (sum over the rounds).
echo
echo "case      saves/s   p50    p95    p99   lost writes (all rounds)   [sessions $sessions, ${seconds} s, machine: $(nproc) cores]"
for name in one two two-max; do
  cat "$out/$name-"[0-9]*.txt | awk -v name="$name" '
    /saves completed in the/ { for (i = 1; i <= NF; i++) if ($i == "=") rate[++r] = $(i + 1) }
    /^latency ms/ { for (i = 1; i <= NF; i++) { if ($i == "p50") p50[++a] = $(i + 1); if ($i == "p95") p95[++b] = $(i + 1); if ($i == "p99") p99[++c] = $(i + 1) } }
    /lost writes:/ { lost += $NF }
    function median(v, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t } return v[int((n + 1) / 2)] }
    END { printf "%-9s %7.0f %6.1f %6.1f %6.1f   %d\n", name, median(rate, r), median(p50, a), median(p95, b), median(p99, c), lost }'
done
