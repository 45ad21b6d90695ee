#!/usr/bin/env bash
# Starts (initialising on first use) the project's own PostgreSQL cluster and prints nothing but
# the connection string on stdout. Meant to be sourced output: CS=$(scripts/pg-local.sh DBNAME).
#
#   PGLOCAL_DIR   where the cluster lives (default: .local/pg in the repository, git-ignored)
#   PGLOCAL_PORT  port on 127.0.0.1 (default 55432, away from a system cluster's 5432)
#   PGLOCAL_FRESH=1  drop the database first (benchmarks start from the seed every time)
#
# PostgreSQL refuses to run as root, so when we are root the cluster belongs to the postgres user.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
database="${1:-cop}"
port="${PGLOCAL_PORT:-55432}"
dir="${PGLOCAL_DIR:-$repo/.local/pg}"

fail() { echo "error: $*" >&2; exit 1; }

bindir=""
for candidate in "${PG_BINDIR:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) ; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null 2>&1; then bindir="$(dirname "$(command -v pg_ctl)")"; fi
[ -n "$bindir" ] || fail "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with: apt-get install -y postgresql  (or set ConnectionStrings__Cop to an existing server)."

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || fail "running as root needs a 'postgres' system user to own the cluster (apt-get install postgresql creates it)."
fi

mkdir -p "$dir"
[ "$(id -u)" = "0" ] && chown postgres: "$dir"
# The postgres user must be able to reach the folder; if a parent directory is closed to it, keep the
# cluster under its home instead (still one cluster per checkout).
if ! as_owner test -w "$dir"; then
  dir="/var/lib/postgresql/cop-assessment-$(echo -n "$repo" | sha256sum | cut -c1-12)"
  mkdir -p "$dir" && chown postgres: "$dir"
fi
data="$dir/data"
pwfile="$dir/password"

if [ ! -f "$data/PG_VERSION" ]; then
  [ -f "$pwfile" ] || { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile"; }
  [ "$(id -u)" = "0" ] && chown postgres: "$pwfile"
  chmod 600 "$pwfile"
  as_owner "$bindir/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed; see $dir/initdb.log"
fi
password="$(cat "$pwfile")"

if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port on 127.0.0.1 is already taken by another program. Set PGLOCAL_PORT to a free port."
  fi
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c shared_buffers=256MB -c fsync=${PGLOCAL_FSYNC:-on}" start >/dev/null \
    || fail "PostgreSQL did not start; see $dir/server.log"
fi

export PGPASSWORD="$password"
if [ "${PGLOCAL_FRESH:-0}" = "1" ]; then
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null
fi
if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1; then
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$database\"" >/dev/null
fi

echo "Host=127.0.0.1;Port=$port;Database=$database;Username=postgres;Password=$password"
