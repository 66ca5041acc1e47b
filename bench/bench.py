#!/usr/bin/python3
"""Retort vs Alembic benchmark: generates the same projects for both, runs each row several times, prints medians,
ratios, targets and peak memory. Driven by bench/run.sh (which installs and builds first)."""
import argparse
import datetime
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lib import machine, measure, report, rows  # noqa: E402

FULL = dict(max_reps=9, min_reps=5, budget=20.0, slow=8.0, timeout=900.0)
QUICK = dict(max_reps=3, min_reps=1, budget=4.0, slow=2.0, timeout=300.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs per row (not saved to RESULTS.md)")
    ap.add_argument("--only", default="", help="comma-separated row keys or key prefixes (debugging)")
    ap.add_argument("--retort", default="", help="the retort command (apphost path); empty: not built")
    ap.add_argument("--retort-dll", default="")
    ap.add_argument("--alembic", default="/usr/bin/python3 -m alembic")
    ap.add_argument("--pg-url", default="", help="admin URL of a PostgreSQL server (…/postgres)")
    ap.add_argument("--pg-note", default="n/a: PostgreSQL not available")
    ap.add_argument("--cmdline", default="bench/run.sh")
    args = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    work = os.path.join(here, ".work")
    os.makedirs(work, exist_ok=True)
    retort = [args.retort] if args.retort else None
    alembic = args.alembic.split()
    pg_url = args.pg_url or None
    plan = QUICK if args.quick else FULL

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    commit = subprocess.run(["git", "-C", here, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    header = [
        f"Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} ({'quick' if args.quick else 'full'}), "
        f"commit {commit}. Reproduce: `{args.cmdline}`",
        "",
        f"- Machine: {machine.machine()}; load average at start {machine.loadavg()} (other jobs on the machine "
        "inflate wall times; compare ratios, and rerun on a quiet machine for absolute numbers)",
    ]
    header += [f"- {k}: {v}" for k, v in machine.versions(retort, alembic, pg_url)]
    header += [
        f"- Retort runs as the installed tool `{args.retort}` -> `{os.path.realpath(args.retort) if args.retort else ''}`"
        " (scripts/pack.sh packs ./artifacts, then `dotnet tool install --tool-path … --add-source ./artifacts retort`, "
        "as a user installs it); the start-up row also shows `dotnet Retort.Cli.dll`. Alembic runs as `"
        + args.alembic + "`.",
        "- Each cell: one untimed warm-up run (fills Retort's compile cache and Python's __pycache__), then the "
        "median of n timed runs; databases are reset before every run, untimed. Max RSS: peak over the timed "
        "runs (wait4 rusage of the process).",
        "- Every revision does `CREATE TABLE tN (id INTEGER PRIMARY KEY, v TEXT)` / `DROP TABLE tN` via "
        "`op.Execute`/`op.execute`; results are checked (table counts, heads, history lines, script statements).",
    ]
    header = "\n".join(header)
    print(header + "\n", flush=True)

    b = rows.Bench(work, retort, args.retort_dll, alembic, pg_url, args.pg_note, log)
    only = [o for o in args.only.split(",") if o]
    done = []
    for build in rows.all_rows(b):
        row = build()
        if only and not any(row.key.startswith(o) for o in only):
            continue
        log(f"== {row.label}")
        for name, case in row.cases.items():
            row.cells[name] = case if isinstance(case, str) else measure.measure(case, plan, log)
        done.append(row)
        print("\n".join(report.table([row]).splitlines()[2:]), flush=True)

    body = report.table(done) + f"\n\nLoad average at the end: {machine.loadavg()}."
    print("\n" + body)
    if not args.quick and not only:
        report.write_results(os.path.join(here, "RESULTS.md"), header, body)
        log("saved bench/RESULTS.md")


if __name__ == "__main__":
    main()
