#!/usr/bin/env bash
# The .NET peers benchmark: EF Core 10, FluentMigrator 8, DbUp 6 and Retort on the same SQLite workload (N tables,
# each CREATE TABLE tN (id INTEGER PRIMARY KEY, v TEXT), typed API where the tool has one, plain SQL for DbUp),
# at matched transaction settings, in-process (time of the migrate call) and CLI (whole process), beside the
# installed retort tool and the sqlite3 floor. Separate from the test suite:  bench/peers/run.sh [N] [reps]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n="${1:-1000}" reps="${2:-5}"
work="$here/.work"
rm -rf "$work" && mkdir -p "$work/gen"
/usr/bin/python3 "$here/gen.py" "$n" "$here/Generated" "$work/retort"
echo "building the peers driver (Release)..." >&2
dotnet build "$here/Peers.csproj" -c Release -o "$work/bin" --nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
tool="$repo/bench/.work/tool/retort"
[ -x "$tool" ] || "$repo/scripts/pack.sh" --no-tutorial --tool-path "$repo/bench/.work/tool" >"$work/pack.log" 2>&1
export PEERS_N="$n"

# One measurement: reset (untimed), then run; prints "wall_s inproc_ms".
measure() { # $1 reset-cmd, rest: command
  local reset="$1"; shift
  local walls=() inprocs=()
  for _ in $(seq "$reps"); do
    eval "$reset"
    local t0 t1 out
    t0=$(date +%s.%N); out="$("$@" 2>"$work/last.err")" || { echo "FAILED: $* ($(tail -1 "$work/last.err"))" >&2; echo "n/a n/a"; return; }; t1=$(date +%s.%N)
    walls+=("$(echo "$t1 - $t0" | bc)")
    inprocs+=("$(sed -n 's/.*inproc_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${inprocs[@]}" | grep . | sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]/1000; else print "-"}')"
}
fresh() { echo "rm -f '$work/$1.db' '$work/$1.db-journal' '$work/$1.db-wal' '$work/$1.db-shm' '$work/retort/bench.db'"; }
peer() { "$work/bin/Peers" "$@" "$work"; }

# Warm Retort's compile cache once (first compile is a separate row in bench/run.sh).
(cd "$work/retort" && "$tool" upgrade head --sql >/dev/null 2>&1)
"$tool" --version >/dev/null

echo "| work | EF Core 10 | FluentMigrator 8 | DbUp 6 | Retort in-process | Retort tool (CLI) | sqlite3 floor |"
echo "|---|---|---|---|---|---|---|"
row() { # label, mode, retort tool command, floor script or ""
  local label="$1" mode="$2" cells=()
  for t in ef fm dbup retort; do
    local reset; reset="$(fresh "$t")"
    if [ "$mode" = noop ] || [ "$mode" = list ]; then reset="$reset; peer $t run-tx >/dev/null 2>&1 || peer $t default >/dev/null 2>&1"; fi
    read -r wall inproc < <(measure "$reset" peer "$t" "$mode")
    cells+=("${inproc} / ${wall}")
  done
  local treset; treset="$(fresh retort)"
  [ "$mode" = noop ] || [ "$mode" = list ] && treset="$treset; (cd '$work/retort' && '$tool' upgrade head >/dev/null 2>&1)"
  local tcmd=(upgrade head); [ "$mode" = list ] && tcmd=(current)
  [ "$mode" = per-tx ] && tcmd=(upgrade head)
  read -r twall _ < <(cd "$work/retort" && measure "$treset" "$tool" "${tcmd[@]}")
  local floor="-"
  if [ -n "$4" ]; then read -r floor _ < <(measure "rm -f '$work/floor.db'" sh -c "sqlite3 -bail '$work/floor.db' < '$4'"); fi
  echo "| $label | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${cells[3]} | $twall | $floor |"
}
# The floor: the same DDL through sqlite3, in one transaction and one per statement.
{ echo "BEGIN;"; for i in $(seq "$n"); do echo "CREATE TABLE t$i (id INTEGER PRIMARY KEY, v TEXT);"; done; echo "COMMIT;"; } >"$work/floor-one.sql"
for i in $(seq "$n"); do echo "CREATE TABLE t$i (id INTEGER PRIMARY KEY, v TEXT);"; done >"$work/floor-each.sql"
echo "(cells: in-process s / whole process s, median of $reps; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
row "upgrade from empty, each tool's default" default "" "$work/floor-one.sql"
row "one transaction for the run" run-tx "" "$work/floor-one.sql"
row "one transaction per migration" per-tx "" "$work/floor-each.sql"
row "no-op at head" noop "" ""
row "list / current" list "" ""
