#!/usr/bin/env python3
"""Runs the same hand-made revision graphs through real Alembic and through Retort, on SQLite files, and
compares what each tool prints ("Running upgrade a -> b, msg" lines, in order) and the version-table rows after
every command. Prints MATCH/DIFF per scenario and exits 1 on any difference.

Usage: tests/alembic-compare/compare.py   (needs /usr/bin/python3 with python3-alembic, and dotnet)
"""
import os, re, shutil, sqlite3, subprocess, sys, tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RETORT = [os.path.join(REPO, "scripts", "retort")]
ALEMBIC = ["/usr/bin/python3", "-m", "alembic"]

# Each graph: list of (id, down_revisions, branch_labels, depends_on), in file order.
GRAPHS = {
    "linear": [("a1", [], [], []), ("a2", ["a1"], [], []), ("a3", ["a2"], [], [])],
    "branch_merge": [
        ("r0", [], [], []), ("b1", ["r0"], [], []), ("c1", ["r0"], [], []),
        ("b2", ["b1"], [], []), ("mm", ["b2", "c1"], [], []), ("d1", ["mm"], [], []),
    ],
    "labels": [
        ("r0", [], ["main"], []), ("r1", ["r0"], [], []),
        ("n0", [], ["net"], []), ("n1", ["n0"], [], []), ("n2", ["n1"], [], []),
    ],
    "depends_on": [
        ("r0", [], ["main"], []), ("r1", ["r0"], [], []),
        ("n0", [], ["net"], []), ("n1", ["n0"], [], ["r1"]), ("n2", ["n1"], [], []),
    ],
}

# Commands per graph: each is the argument list of one run; state is compared after each.
SCENARIOS = {
    "linear": [["upgrade", "a2"], ["upgrade", "head"], ["downgrade", "-1"], ["downgrade", "base"],
               ["upgrade", "+2"], ["stamp", "a3"], ["downgrade", "a1"], ["stamp", "base"]],
    "branch_merge": [["upgrade", "b1"], ["upgrade", "c1"], ["upgrade", "heads"], ["downgrade", "b2"],
                     ["downgrade", "c1"], ["upgrade", "mm"], ["downgrade", "r0"], ["upgrade", "heads"],
                     ["downgrade", "base"], ["stamp", "b2", "c1"], ["stamp", "d1"]],
    "labels": [["upgrade", "net@head"], ["upgrade", "main@head"], ["downgrade", "net@-1"],
               ["downgrade", "net@base"], ["upgrade", "heads"], ["downgrade", "main@base"]],
    "depends_on": [["upgrade", "net@head"], ["downgrade", "r0"], ["upgrade", "heads"], ["downgrade", "base"],
                   ["upgrade", "n1"]],
}


def py_tuple(items):
    if not items:
        return "None"
    if len(items) == 1:
        return repr(items[0])
    return "(" + ", ".join(repr(i) for i in items) + ",)"


def write_alembic(root, graph):
    subprocess.run(ALEMBIC + ["init", "migrations"], cwd=root, check=True, capture_output=True)
    ini = os.path.join(root, "alembic.ini")
    text = open(ini).read().replace("sqlalchemy.url = driver://user:pass@localhost/dbname", "sqlalchemy.url = sqlite:///app.db")
    open(ini, "w").write(text)
    for i, (rid, downs, labels, deps) in enumerate(graph):
        with open(os.path.join(root, "migrations", "versions", f"{i:03d}_{rid}.py"), "w") as f:
            f.write(f'"""rev {rid}\n"""\nrevision = {rid!r}\ndown_revision = {py_tuple(downs)}\n'
                    f'branch_labels = {py_tuple(labels)}\ndepends_on = {py_tuple(deps)}\n'
                    "def upgrade():\n    pass\n\ndef downgrade():\n    pass\n")


def cs_array(items):
    return "new[] { " + ", ".join(f'"{i}"' for i in items) + " }"


def write_retort(root, graph):
    subprocess.run(RETORT + ["init", "migrations"], cwd=root, check=True, capture_output=True)
    for i, (rid, downs, labels, deps) in enumerate(graph):
        args = [f'"{rid}"']
        if len(downs) == 1:
            args.append(f'DownRevision = "{downs[0]}"')
        elif downs:
            args.append("DownRevisions = " + cs_array(downs))
        if labels:
            args.append("BranchLabels = " + cs_array(labels))
        if deps:
            args.append("DependsOn = " + cs_array(deps))
        args.append(f'Message = "rev {rid}"')
        with open(os.path.join(root, "migrations", "versions", f"{i:03d}_{rid}.cs"), "w") as f:
            f.write(f"// rev {rid}\nusing Retort;\n[Revision({', '.join(args)})]\n"
                    f"public sealed class Rev_{rid} : Migration\n{{\n"
                    "    public override void Upgrade(Operations op) { }\n"
                    "    public override void Downgrade(Operations op) { }\n}\n")


def state(root, table):
    db = os.path.join(root, "app.db")
    if not os.path.exists(db):
        return []
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute(f"SELECT version_num FROM {table}"))
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def run(tool, root, args):
    p = subprocess.run(tool + args, cwd=root, capture_output=True, text=True)
    lines = [re.sub(r"^INFO  \[[a-z.]+\] ", "", l) for l in p.stderr.splitlines() if "Running " in l]
    return p.returncode, lines


def main():
    failures = 0
    for name, graph in GRAPHS.items():
        work = tempfile.mkdtemp(prefix=f"cmp-{name}-")
        a, r = os.path.join(work, "alembic"), os.path.join(work, "retort")
        os.makedirs(a), os.makedirs(r)
        write_alembic(a, graph)
        write_retort(r, graph)
        for args in SCENARIOS[name]:
            ac, al = run(ALEMBIC, a, args)
            rc, rl = run(RETORT, r, args)
            same = (ac == 0) == (rc == 0) and al == rl and state(a, "alembic_version") == state(r, "retort_version")
            print(f"{'MATCH' if same else 'DIFF '} {name:13} {' '.join(args):22} rows={state(r, 'retort_version')}")
            if not same:
                failures += 1
                print(f"    alembic exit={ac} rows={state(a, 'alembic_version')} lines={al}")
                print(f"    retort  exit={rc} rows={state(r, 'retort_version')} lines={rl}")
        # Read commands print the same lines (paths and the tool name aside).
        for args in (["history"], ["heads"], ["branches"], ["current"], ["history", "-r", GRAPHS[name][1][0] + ":"]):
            ap = subprocess.run(ALEMBIC + args, cwd=a, capture_output=True, text=True)
            rp = subprocess.run(RETORT + args, cwd=r, capture_output=True, text=True)
            # Alembic breaks ties between unrelated branches in os.listdir order, which varies by file system;
            # Retort uses file-name order. So read commands are compared line by line, as sorted sets.
            same = sorted(ap.stdout.splitlines()) == sorted(rp.stdout.splitlines())
            if ap.returncode != 0 and rp.returncode == 0:
                print(f"SKIP  {name:13} {' '.join(args):22} (Alembic itself fails: {ap.stderr.strip().splitlines()[-1]})")
                continue
            print(f"{'MATCH' if same else 'DIFF '} {name:13} {' '.join(args):22} ({len(rp.stdout.splitlines())} lines)")
            if not same:
                failures += 1
                print("    alembic:\n      " + ap.stdout.replace("\n", "\n      ") + ap.stderr[-300:])
                print("    retort:\n      " + rp.stdout.replace("\n", "\n      ") + rp.stderr[-300:])
        shutil.rmtree(work)
    print("all scenarios match Alembic" if failures == 0 else f"{failures} scenario(s) differ from Alembic")
    # The real-graph differential test (tests/Retort.Tests/Graph/RealGraphTests.cs) ran in the xunit suite and left
    # its counts here; it fails the suite itself on any unexpected mismatch.
    results = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".results")
    for name in sorted(os.listdir(results)) if os.path.isdir(results) else []:
        print("real graph " + open(os.path.join(results, name)).read().strip())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
