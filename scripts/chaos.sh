#!/usr/bin/env bash
# The crash test at a larger scale: kill -9 of `retort upgrade` at random points N times per database (SQLite,
# PostgreSQL, MariaDB, MariaDB with an idempotent revision), each followed by the consistency and recovery checks.
#   scripts/chaos.sh [N]        N kills per database (default 30); RETORT_CHAOS_SEED=… repeats a run
# The suite (scripts/test.sh) runs the same test with N=3. Starts the database servers when needed, like test.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
kills="${1:-30}"
scratch="${RETORT_SCRATCH:-$repo/.scratch/db}"
scripts/db-servers.sh start >/dev/null
started="$(tr '\n' ' ' < "$scratch/started")"
if [ -n "${started// /}" ] && [ -z "${RETORT_KEEP_SERVERS:-}" ]; then
  # shellcheck disable=SC2064 # the list is fixed now
  trap "RETORT_SCRATCH='$scratch' '$repo/scripts/db-servers.sh' stop $started" EXIT
  trap 'exit 130' INT TERM
fi
# shellcheck disable=SC1091
. "$scratch/env.sh"
dotnet build tests/Retort.Tests -c Release --nologo -v q
RETORT_CHAOS_KILLS="$kills" dotnet test tests/Retort.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Retort.Tests.Runtime.CrashTests" --logger "console;verbosity=detailed"
