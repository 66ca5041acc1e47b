#!/bin/sh
# Builds hand-made revision graphs for real Alembic in a temp dir, runs upgrade/downgrade/stamp against SQLite and
# prints, per command, Alembic's "Running ..." lines, the SQL it sends to alembic_version, and the rows afterwards.
# AlembicComparisonTests.cs encodes these results. Needs python3-alembic (apt-get install -y python3-alembic).
# Usage: sh compare.sh            (prints everything; takes a few seconds)
set -eu
PY=${PYTHON:-/usr/bin/python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/retort-alembic-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/driver.py" <<'PYEOF'
import logging, os, sys, textwrap
from alembic.config import Config
from alembic import command
from alembic.script.base import Script

# Alembic loads revision files in raw os.listdir order, which differs between file systems and decides the order of
# independent branches. Retort loads them sorted by file name; load them the same way here so the orders compare.
Script._list_py_dir = classmethod(lambda cls, scriptdir, path: sorted(os.listdir(path)))

# Each graph: (revision, down_revision(s), branch_labels, depends_on), in load order; file names sort in this order.
GRAPHS = {
    "linear": [("aaa1", None, None, None), ("aaa2", "aaa1", None, None),
               ("aaa3", "aaa2", None, None), ("aaa4", "aaa3", None, None)],
    "merge": [("b000", None, None, None), ("a001", "b000", None, None), ("a002", "a001", None, None),
              ("c001", "b000", None, None), ("c002", "c001", None, None),
              ("m001", ("a002", "c002"), None, None), ("t001", "m001", None, None)],
    "labels": [("s001", None, ("shop",), None), ("s002", "s001", None, None), ("s003", "s002", None, None),
               ("g001", None, ("blog",), None), ("g002", "g001", None, None)],
    "depends": [("s001", None, ("shop",), None), ("s002", "s001", None, None),
                ("g001", None, ("blog",), None), ("g002", "g001", None, "s002"), ("g003", "g002", None, None)],
    "branchpoint": [("r000", None, None, None), ("r001", "r000", None, None),
                    ("x001", "r001", None, None), ("y001", "r001", None, None)],
}

SCENARIOS = {
    "linear": [("upgrade", "head"), ("downgrade", "-2"), ("upgrade", "+1"), ("downgrade", "base"),
               ("upgrade", "aaa2"), ("upgrade", "head-1"), ("stamp", "aaa2"), ("stamp", "head"),
               ("downgrade", "aaa1"), ("stamp", "base")],
    "merge": [("upgrade", "heads"), ("downgrade", "-1"), ("downgrade", "a001"), ("downgrade", "base"),
              ("upgrade", "a002"), ("upgrade", "c001"), ("upgrade", "heads"), ("downgrade", "b000"),
              ("stamp", "m001"), ("stamp", "b000"), ("stamp", "a002 c002"), ("stamp", "a001 c001"),
              ("stamp", "a002 c002"), ("downgrade", "base")],
    "labels": [("upgrade", "shop@head"), ("upgrade", "blog@+1"), ("upgrade", "heads"), ("downgrade", "shop@-1"),
               ("downgrade", "blog@base"), ("upgrade", "shop@+1"), ("stamp", "blog@head"), ("downgrade", "base")],
    "depends": [("upgrade", "blog@head"), ("downgrade", "base"), ("upgrade", "g002"), ("upgrade", "heads"),
                ("downgrade", "s001"), ("downgrade", "shop@base"), ("downgrade", "base")],
    "branchpoint": [("upgrade", "heads"), ("downgrade", "y001@-1"), ("downgrade", "r000"), ("upgrade", "y001"),
                    ("upgrade", "x001"), ("downgrade", "x001@-1"), ("downgrade", "base"), ("stamp", "x001 y001"),
                    ("stamp", "r001"), ("stamp", "--purge x001")],
}

ENV = textwrap.dedent('''
    import sys
    from alembic import context
    from sqlalchemy import create_engine, event
    config = context.config
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    @event.listens_for(engine, "before_cursor_execute")
    def show(conn, cursor, statement, parameters, ctx, many):
        if "alembic_version" in statement and not statement.lstrip().upper().startswith(("SELECT", "CREATE", "PRAGMA")):
            print("SQL:", " ".join(statement.split()), flush=True)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
''')

def tup(v):
    return repr(v)

def build(root, revs):
    os.makedirs(os.path.join(root, "versions"))
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV)
    with open(os.path.join(root, "script.py.mako"), "w") as f:
        f.write("")
    for n, (rev, down, labels, deps) in enumerate(revs):
        with open(os.path.join(root, "versions", "%02d_%s.py" % (n, rev)), "w") as f:
            f.write('"""%s"""\nrevision = %r\ndown_revision = %s\nbranch_labels = %s\ndepends_on = %s\n'
                    'def upgrade():\n    pass\ndef downgrade():\n    pass\n' % (rev, rev, tup(down), tup(labels), tup(deps)))
    cfg = Config()
    cfg.set_main_option("script_location", root)
    cfg.set_main_option("sqlalchemy.url", "sqlite:///" + os.path.join(root, "db.sqlite"))
    return cfg

def rows(cfg):
    import sqlite3
    db = cfg.get_main_option("sqlalchemy.url")[len("sqlite:///"):]
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("select version_num from alembic_version")]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("%(message)s"))
log = logging.getLogger("alembic.runtime.migration")
log.addHandler(handler)
log.setLevel(logging.INFO)

for name, revs in GRAPHS.items():
    print("#### graph", name, revs)
    cfg = build(os.path.join(sys.argv[1], name), revs)
    for cmd, arg in SCENARIOS[name]:
        print("== %s %s" % (cmd, arg), flush=True)
        try:
            if cmd == "upgrade":
                command.upgrade(cfg, arg)
            elif cmd == "downgrade":
                command.downgrade(cfg, arg)
            else:
                purge = arg.startswith("--purge ")
                targets = arg.replace("--purge ", "").split()
                command.stamp(cfg, targets if len(targets) > 1 else targets[0], purge=purge)
        except Exception as e:
            print("ERROR: %s: %s" % (type(e).__name__, e), flush=True)
        print("rows:", sorted(rows(cfg)), flush=True)
PYEOF
"$PY" "$WORK/driver.py" "$WORK" 2>&1 | grep -v "^Context impl\|^Will assume"
