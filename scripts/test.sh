#!/usr/bin/env bash
# Every test: installs what the tests need (sqlite3, PostgreSQL, MariaDB) when missing, starts the database
# servers on loopback in .scratch/, runs the xunit suite, replays the tutorial, compares with Alembic, packs the
# tool, and follows README's tutorial as a newcomer (scripts/newcomer.sh).
# The servers this run started are stopped when it ends (passed, failed or interrupted); ones already running
# are left running. RETORT_KEEP_SERVERS=1 keeps them running for a next run.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
if ! command -v sqlite3 >/dev/null || ! command -v curl >/dev/null || [ ! -d /usr/lib/python3/dist-packages/alembic ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 curl python3-alembic >/dev/null
fi
if [ -x scripts/db-servers.sh ]; then
  scratch="${RETORT_SCRATCH:-$repo/.scratch/db}"
  scripts/db-servers.sh start
  started="$(tr '\n' ' ' < "$scratch/started")"
  if [ -n "${started// /}" ] && [ -z "${RETORT_KEEP_SERVERS:-}" ]; then
    # shellcheck disable=SC2064 # the list is fixed now
    trap "RETORT_SCRATCH='$scratch' '$repo/scripts/db-servers.sh' stop $started" EXIT
    trap 'exit 130' INT TERM
  fi
  # shellcheck disable=SC1091
  . "$scratch/env.sh"
fi
dotnet test Retort.slnx -c Release --nologo "$@"
TUTORIAL_DIR="$repo/.scratch/tutorial-$$" scripts/tutorial.sh
rm -rf "$repo/.scratch/tutorial-$$"
# The same graphs through real Alembic and Retort: order, version rows and read-command output must agree.
/usr/bin/python3 tests/alembic-compare/compare.py
# The packages and the dotnet tool: pack, install the tool, run the tutorial with the installed `retort`.
scripts/pack.sh
# README's tutorial pasted into a shell as a newcomer would, on SQLite and PostgreSQL, with the tool just packed.
scripts/newcomer.sh --packed
