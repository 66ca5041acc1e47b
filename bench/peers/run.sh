#!/usr/bin/env bash
# The .NET peers benchmark: EF Core 10, FluentMigrator 8, DbUp 6 and Retort on the same SQLite workload (N tables,
# each CREATE TABLE tN (id INTEGER PRIMARY KEY, v TEXT), typed API where the tool has one, plain SQL for DbUp),
# at matched transaction settings, in-process (time of the migrate call) and CLI (whole process), beside the
# installed retort tool and the sqlite3 floor. Separate from the test suite:
#
#   bench/peers/run.sh [N=1000] [reps=5]        (PEERS_SKIP_PACK=1: measure the tool already in .work/tool)
#
# Prints a markdown table (median of reps; every cell checked: N tables in the database afterwards) and the
# ratios, and writes both to bench/peers/.work/results.md with the machine, the commit and the load average.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n="${1:-1000}" reps="${2:-5}"
work="$here/.work"
tool_dir="$work/tool"
command -v sqlite3 >/dev/null || { echo "FAILED: sqlite3 is not installed (apt-get install sqlite3)" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "FAILED: dotnet (SDK 10) is not installed" >&2; exit 1; }

# Keep an installed tool across runs only when asked to.
if [ -n "${PEERS_SKIP_PACK:-}" ] && [ -x "$tool_dir/retort" ]; then
  find "$work" -mindepth 1 -maxdepth 1 ! -name tool -exec rm -rf {} +
else
  rm -rf "$work"
fi
mkdir -p "$work"
/usr/bin/python3 "$here/gen.py" "$n" "$here/Generated" "$work/retort"
echo "building the peers driver (Release)..." >&2
dotnet build "$here/Peers.csproj" -c Release -o "$work/bin" --nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
if [ ! -x "$tool_dir/retort" ]; then
  echo "packing and installing the retort tool (scripts/pack.sh, a few minutes)..." >&2
  "$repo/scripts/pack.sh" --no-tutorial --tool-path "$tool_dir" >"$work/pack.log" 2>&1 || { tail -20 "$work/pack.log" >&2; exit 1; }
fi
tool="$tool_dir/retort"
export PEERS_N="$n"

# The Retort projects: the same revisions; one transaction per revision; and that with WAL + synchronous=NORMAL.
for variant in ptx ptx-sync; do
  cp -r "$work/retort" "$work/retort-$variant"
  sed -i 's/^\[retort\]$/[retort]\ntransaction_per_migration = true/' "$work/retort-$variant/retort.toml"
done
sed -i 's/^\[retort\]$/[retort]\non_connect = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"]/' "$work/retort-ptx-sync/retort.toml"

# Warm the compile caches once, untimed (the first compile is a row of bench/run.sh): the tool's, for each project,
# and the driver's (its Retort.dll is a different build, so its cache entries are its own).
for p in retort retort-ptx retort-ptx-sync; do
  (cd "$work/$p" && "$tool" upgrade head >/dev/null 2>&1 && rm -f bench.db bench.db-wal bench.db-shm)
done
"$work/bin/Peers" retort default "$work" >/dev/null && rm -f "$work/retort/bench.db"

# A database file prepared in a journal mode (empty schema), so that every tool of a row starts from the same file.
prepare_db() { # $1 path, $2 journal mode (delete | wal | none: no file, the tool creates it)
  rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
  [ "$2" = none ] || sqlite3 "$1" "PRAGMA journal_mode = $2; CREATE TABLE peers_init (x); DROP TABLE peers_init;" >/dev/null
}
tables_in() { sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*'"; }

# One cell: reps x (prepare, untimed; run, timed; check N tables). Prints "wall_s inproc_s" (medians) or "n/a n/a".
measure() { # $1 db file, $2 journal mode, $3 seed command ("" or a command bringing the db to head, untimed), rest: command
  local db="$1" mode="$2" seed="$3"; shift 3
  local walls=() inprocs=()
  for _ in $(seq "$reps"); do
    prepare_db "$db" "$mode"
    if [ -n "$seed" ]; then eval "$seed" >/dev/null 2>&1 || { echo "n/a n/a"; return; }; fi
    local t0 t1 out
    t0=$(date +%s.%N)
    out="$("$@" 2>"$work/last.err")" || { echo "FAILED: $* ($(tail -1 "$work/last.err"))" >&2; echo "n/a n/a"; return; }
    t1=$(date +%s.%N)
    local got; got="$(tables_in "$db")"
    [ "$got" = "$n" ] || { echo "FAILED: $*: $got tables afterwards, expected $n" >&2; echo "n/a n/a"; return; }
    walls+=("$(echo "$t1 - $t0" | bc)")
    inprocs+=("$(sed -n 's/.*inproc_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${inprocs[@]}" | grep . | sort -g | awk '{a[NR]=$1} END {if (NR) printf "%.3f", a[int((NR+1)/2)]/1000; else print "-"}')"
}
peer() { "$work/bin/Peers" "$@" "$work"; }
dbfile() { if [ "$1" = retort ]; then echo "$work/retort/bench.db"; else echo "$work/$1.db"; fi; }
retort_tool() { (cd "$work/$1" && "$tool" "${@:2}"); }

# The floors: the same DDL through sqlite3 - in one transaction, and one transaction per migration.
{ echo "BEGIN;"; for i in $(seq "$n"); do echo "CREATE TABLE t$i (id INTEGER PRIMARY KEY, v TEXT);"; done; echo "COMMIT;"; } >"$work/floor-one.sql"
for i in $(seq "$n"); do echo "BEGIN; CREATE TABLE t$i (id INTEGER PRIMARY KEY, v TEXT); COMMIT;"; done >"$work/floor-each.sql"

results="$work/results.tsv"
: >"$results"
# row: key, label, journal mode of the prepared file, driver mode, retort project for the tool ("" = none),
#      tool arguments, floor script ("" = none), seed to head (1 for no-op/list rows)
row() {
  local key="$1" label="$2" jmode="$3" mode="$4" project="$5" targs="$6" floor="$7" seeded="$8"
  local load_before; load_before="$(cut -d' ' -f1 /proc/loadavg)"
  local cells=()
  for t in ef fm dbup retort; do
    local seed=""
    [ "$seeded" = 1 ] && seed="peer $t run-tx || peer $t default"
    read -r wall inproc < <(measure "$(dbfile "$t")" "$jmode" "$seed" peer "$t" "$mode")
    cells+=("$t=$inproc/$wall")
  done
  if [ -n "$project" ]; then
    local seed=""
    [ "$seeded" = 1 ] && seed="retort_tool $project upgrade head"
    # shellcheck disable=SC2086
    read -r twall _ < <(measure "$work/$project/bench.db" "$jmode" "$seed" retort_tool "$project" $targs)
    cells+=("tool=$twall")
  fi
  if [ -n "$floor" ]; then
    read -r fwall _ < <(measure "$work/floor.db" "$jmode" "" sh -c "sqlite3 -bail '$work/floor.db' < '$floor'")
    cells+=("floor=$fwall")
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" "${cells[*]}" >>"$results"
  echo "  measured: $label" >&2
}

echo "measuring (N=$n, $reps reps per cell)..." >&2
row default "upgrade from empty, each tool's default" none default retort "upgrade head" "$work/floor-one.sql" 0
row run-tx "one transaction for the run" delete run-tx retort "upgrade head" "$work/floor-one.sql" 0
row per-tx "one transaction per migration" delete per-tx retort-ptx "upgrade head" "$work/floor-each.sql" 0
row per-tx-wal "one transaction per migration, WAL file" wal per-tx retort-ptx "upgrade head" "$work/floor-each.sql" 0
row noop "no-op at head" delete noop retort "upgrade head" "" 1
row list "list / current" delete list retort "current" "" 1
# Retort's opt-in (on_connect = WAL + synchronous = NORMAL): Retort only; the floor runs the same pragmas.
{ echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"; cat "$work/floor-each.sql"; } >"$work/floor-each-sync.sql"
sync_cells=()
read -r wall inproc < <(PEERS_ON_CONNECT="PRAGMA journal_mode = WAL;PRAGMA synchronous = NORMAL" measure "$(dbfile retort)" delete "" peer retort per-tx)
sync_cells+=("retort=$inproc/$wall")
read -r twall _ < <(measure "$work/retort-ptx-sync/bench.db" delete "" retort_tool retort-ptx-sync upgrade head)
sync_cells+=("tool=$twall")
read -r fwall _ < <(measure "$work/floor.db" delete "" sh -c "sqlite3 -bail '$work/floor.db' < '$work/floor-each-sync.sql'")
sync_cells+=("floor=$fwall")
printf '%s\t%s\t%s\t%s\t%s\n' per-tx-sync "one transaction per migration, on_connect WAL + synchronous = NORMAL (Retort's opt-in)" \
  "$(cut -d' ' -f1 /proc/loadavg)" "$(cut -d' ' -f1 /proc/loadavg)" "${sync_cells[*]}" >>"$results"

/usr/bin/python3 "$here/report.py" "$results" "$n" "$reps" "$(git -C "$repo" rev-parse --short HEAD)" "$("$tool" --version)" | tee "$work/results.md"
