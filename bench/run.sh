#!/usr/bin/env bash
# Retort vs Alembic benchmark, one command:  bench/run.sh [--quick] [--only KEY,KEY]
# Installs what is missing (apt), packs and installs the retort tool (scripts/pack.sh), starts a private PostgreSQL (scripts/db-servers.sh,
# own ports and data folder under bench/.work/db, stopped again at the end), then runs bench/bench.py.
# A full run (no --quick / --only) rewrites the generated part of bench/RESULTS.md.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench")"
cd "$repo"

need=()
/usr/bin/python3 -c 'import alembic' 2>/dev/null || need+=(python3-alembic)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v psql >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

alembic="/usr/bin/python3 -m alembic"
$alembic --version >/dev/null 2>&1 || alembic=/usr/bin/alembic

# The tool as users get it: packed to ./artifacts by scripts/pack.sh (ReadyToRun package for this platform,
# framework-dependent fallback), then `dotnet tool install --tool-path bench/.work/tool --add-source ./artifacts`.
tool="$bench/.work/tool"
retort="" retort_dll=""
echo "packing and installing the retort tool (scripts/pack.sh)..." >&2
if [ -n "${BENCH_SKIP_PACK:-}" ] && [ -x "$tool/retort" ]; then
  echo "BENCH_SKIP_PACK set: measuring the tool already installed in $tool" >&2
elif ! "$repo/scripts/pack.sh" --no-tutorial --tool-path "$tool" >"$bench/.build.log" 2>&1; then
  echo "packing or installing the tool failed (see bench/.build.log): Retort rows will be n/a" >&2
fi
if [ -x "$tool/retort" ]; then
  retort="$tool/retort"
  retort_dll="$(dirname "$(readlink -f "$tool/retort")")/Retort.Cli.dll"
fi

pg_url="" pg_note="n/a: scripts/db-servers.sh not in this tree"
export RETORT_SCRATCH="$bench/.work/db" RETORT_PG_PORT="${BENCH_PG_PORT:-55532}" RETORT_MYSQL_PORT="${BENCH_MYSQL_PORT:-53406}"
if [ -x scripts/db-servers.sh ]; then
  echo "starting PostgreSQL on 127.0.0.1:$RETORT_PG_PORT..." >&2
  if scripts/db-servers.sh start >"$bench/.work-db.log" 2>&1 && [ -f "$RETORT_SCRATCH/env.sh" ]; then
    trap 'scripts/db-servers.sh stop >/dev/null 2>&1 || true' EXIT
    # shellcheck disable=SC1091
    . "$RETORT_SCRATCH/env.sh"
    pg_url="$RETORT_TEST_PG" pg_note=""
  else
    pg_note="n/a: scripts/db-servers.sh start failed (see bench/.work-db.log)"
  fi
fi

/usr/bin/python3 "$bench/bench.py" --retort "$retort" --retort-dll "$retort_dll" --alembic "$alembic" \
  --pg-url "$pg_url" --pg-note "$pg_note" --cmdline "bench/run.sh${*:+ $*}" "$@"
