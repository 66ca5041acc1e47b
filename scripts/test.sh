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

# Each phase says when it starts and how long it took; the end prints where the time went and one summary line.
# The xunit phase writes a .trx per test project into .scratch/test-results-<pid>: the counts and the slowest classes.
results="$repo/.scratch/test-results-$$"
mkdir -p "$results"
started=$SECONDS phases=() failed_phases=0 passed_phases=0
phase() {
  local name="$1" t0=$SECONDS status=0
  shift
  echo "==> test.sh [$((SECONDS - started)) s] $name..." >&2
  "$@" || status=$?
  phases+=("$(printf '%6d s  %s%s' $((SECONDS - t0)) "$name" "$([ $status = 0 ] || echo "  (FAILED, exit $status)")")")
  if [ $status = 0 ]; then passed_phases=$((passed_phases + 1)); else failed_phases=$((failed_phases + 1)); fi
  echo "<== test.sh [$((SECONDS - started)) s] $name: $([ $status = 0 ] && echo passed || echo "FAILED (exit $status)") in $((SECONDS - t0)) s" >&2
}
summary() {
  echo "== where the time went" >&2
  printf '%s\n' "${phases[@]}" >&2
  [ -f "$results/xunit.counts" ] && /usr/bin/python3 "$repo/scripts/trx-summary.py" "$results"/*.trx >&2
  echo "test.sh: $passed_phases phase(s) passed, $failed_phases failed in $((SECONDS - started)) s$(
    [ -f "$results/xunit.counts" ] && echo "; xunit: $(cat "$results/xunit.counts")")" >&2
}
# The tests run in Release; --logger console keeps xunit's own failure output, trx gives the counts and timings.
phase "xunit suite (dotnet test; each failing test is printed as it fails)" \
  dotnet test Retort.slnx -c Release --nologo --logger "console;verbosity=minimal" \
    --logger trx --results-directory "$results" "$@"
trx=("$results"/*.trx)
[ -f "${trx[0]}" ] && /usr/bin/python3 scripts/trx-summary.py --counts "${trx[@]}" > "$results/xunit.counts" || true
phase "tutorial (scripts/tutorial.sh)" env TUTORIAL_DIR="$repo/.scratch/tutorial-$$" scripts/tutorial.sh
rm -rf "$repo/.scratch/tutorial-$$"
# The same graphs through real Alembic and Retort: order, version rows and read-command output must agree.
phase "real Alembic beside Retort (tests/alembic-compare)" /usr/bin/python3 tests/alembic-compare/compare.py
# The packages and the dotnet tool: pack, install the tool, run the tutorial with the installed `retort`.
phase "packages and the installed tool (scripts/pack.sh)" scripts/pack.sh
# README's tutorial pasted into a shell as a newcomer would, on SQLite and PostgreSQL, with the tool just packed.
phase "README as a newcomer (scripts/newcomer.sh --packed)" scripts/newcomer.sh --packed
summary
[ "$failed_phases" = 0 ]
