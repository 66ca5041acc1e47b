#!/usr/bin/env python3
"""Real Alembic (Debian python3-alembic 1.8.1) on a real revision graph from graphs/*.json: builds an Alembic project
of no-op revisions with that graph, picks a seeded sequence of commands (read commands, whole walks, relative and
branch targets, ranges, --sql, stamps) from the state of the database, runs each through alembic.command in this one
process against a SQLite file, and prints one JSON object per command: the arguments, whether it failed (and why),
the "Running ..." log lines in order, what it printed, and the version rows afterwards.

RealGraphTests.cs (tests/Retort.Tests/Graph) replays the same commands on Retort and compares step by step.

Usage: alembic_steps.py GRAPH.json WORKDIR SEED STEPS

Load order: Alembic reads a version directory in raw os.listdir order, which on ext4 is hash order, not the sorted
order Retort uses. Nothing in Alembic is patched: every revision file gets a version directory of its own and
version_locations lists those directories in sorted file-name order, so Alembic's load order is the sorted one.
"""
import io, json, logging, os, random, sqlite3, sys, warnings

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

ENV = '''
from alembic import context
from sqlalchemy import create_engine
config = context.config
if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      output_buffer=config.attributes["sql"])
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
'''


def py(items):
    if not items:
        return "None"
    return repr(items[0]) if len(items) == 1 else repr(tuple(items))


def build(graph, root):
    os.makedirs(root)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV)
    with open(os.path.join(root, "script.py.mako"), "w") as f:
        f.write("")
    dirs = []
    for n, (name, rev, down, labels, deps) in enumerate(graph["revisions"]):
        d = os.path.join(root, "v", "%04d" % n)
        os.makedirs(d)
        dirs.append(d)
        with open(os.path.join(d, name if name.endswith(".py") else name + ".py"), "w") as f:
            f.write('"""rev %s\n"""\nrevision = %r\ndown_revision = %s\nbranch_labels = %s\ndepends_on = %s\n\n'
                    'def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n' % (rev, rev, py(down), py(labels), py(deps)))
    cfg = Config()
    cfg.set_main_option("script_location", root)
    cfg.set_main_option("version_locations", " ".join(dirs))
    cfg.set_main_option("version_path_separator", "space")
    cfg.set_main_option("sqlalchemy.url", "sqlite:///" + os.path.join(root, "app.db"))
    return cfg


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        msg = record.getMessage()
        if msg.startswith("Running "):
            self.lines.append(msg)


def rows(cfg):
    con = sqlite3.connect(cfg.get_main_option("sqlalchemy.url")[len("sqlite:///"):])
    try:
        return sorted(r[0] for r in con.execute("select version_num from alembic_version"))
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def main():
    graph_file, work, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    graph = json.load(open(graph_file))
    cfg = build(graph, os.path.join(work, "alembic"))
    # One ScriptDirectory for every command: reading 300 revision modules per command would dominate the run.
    # The revision map it builds is Alembic's own, untouched.
    script = ScriptDirectory.from_config(cfg)
    ScriptDirectory.from_config = classmethod(lambda cls, config: script)
    listed = [os.path.basename(s.path) for s in script.walk_revisions()]
    loaded = [os.path.basename(p) for p in (s.path for s in script._load_revisions())]
    names = [n if n.endswith(".py") else n + ".py" for n, *_ in graph["revisions"]]
    if loaded != names:
        sys.exit("Alembic did not load the revision files in sorted order")
    del listed
    handler = Lines()
    log = logging.getLogger("alembic.runtime.migration")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    rmap = script.revision_map
    ids = [r[1] for r in graph["revisions"]]
    labels = sorted({label for r in graph["revisions"] for label in r[3]})
    rng = random.Random(seed)

    def run(args):
        handler.lines = []
        out = io.StringIO()
        cfg.stdout = out
        cfg.attributes["sql"] = io.StringIO()
        sql = "--sql" in args
        purge = "--purge" in args
        a = [x for x in args if not x.startswith("--")]
        error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if a[0] == "upgrade":
                    command.upgrade(cfg, a[1], sql=sql)
                elif a[0] == "downgrade":
                    command.downgrade(cfg, a[1], sql=sql)
                elif a[0] == "stamp":
                    command.stamp(cfg, a[1:] if len(a) > 2 else a[1], purge=purge)
                elif a[0] == "history":
                    command.history(cfg, a[2] if len(a) > 2 else None)
                elif a[0] == "heads":
                    command.heads(cfg)
                elif a[0] == "branches":
                    command.branches(cfg)
                elif a[0] == "current":
                    command.current(cfg)
                else:
                    raise ValueError(a[0])
            except Exception as e:  # Alembic's CommandError and friends: the step failed
                error = "%s: %s" % (type(e).__name__, e)
        step = {"args": args, "ok": error is None, "error": error, "lines": handler.lines,
                "stdout": out.getvalue().splitlines(), "rows": rows(cfg),
                "warnings": [str(w.message) for w in caught if "ambiguous" in str(w.message)]}
        print(json.dumps(step), flush=True)
        return step

    def current():
        return rows(cfg)

    def ancestors(revs):
        return [r.revision for r in rmap._get_ancestor_nodes([rmap.get_revision(x) for x in revs])]

    # Read commands, then the two whole walks, then a seeded mix of everything else.
    for args in (["heads"], ["branches"], ["history"], ["current"]):
        run(args)
    run(["upgrade", "heads"])
    run(["current"])
    run(["downgrade", "base"])
    for label in labels:
        run(["upgrade", label + "@head"])
        run(["history", "-r", label + "@base:heads"])
    run(["downgrade", "base"])
    for _ in range(count):
        cur = current()
        kind = rng.choice(["up_rev", "up_rev", "up_rel", "down_rel", "down_rev", "down_rev", "heads", "stamp",
                           "stamp2", "sql", "hist", "hist_rel", "label", "label", "base"])
        rev = rng.choice(ids)
        if kind == "up_rev":
            run(["upgrade", rev])
        elif kind == "up_rel":
            run(["upgrade", "+%d" % rng.randint(1, 3)] if len(cur) <= 1 else ["upgrade", rev + "+1"])
        elif kind == "down_rel":
            if len(cur) == 1:
                run(["downgrade", "-%d" % rng.randint(1, 3)])
            else:
                run(["downgrade", rev])
        elif kind == "down_rev":
            below = ancestors(cur) if cur else ids
            run(["downgrade", rng.choice(below)])
        elif kind == "heads":
            run(["upgrade", "heads"])
        elif kind == "stamp":
            run(["stamp", rev])
        elif kind == "stamp2":
            other = rng.choice(ids)
            run(["stamp", rev, other] if other != rev else ["stamp", "--purge", rev])
        elif kind == "sql":
            run(["upgrade", rev + ":heads", "--sql"])
        elif kind == "hist":
            run(["history", "-r", rng.choice([rev + ":heads", "base:" + rev, rev + ":", ":" + rev])])
        elif kind == "hist_rel":
            run(["history", "-r", rng.choice(["-2:" + rev, rev + ":+2", "-3:heads"])])
        elif kind == "label" and labels:
            label = rng.choice(labels)
            form = rng.choice(["@+1", "@+2", "@-1", "@head", "@base"])
            verb = "upgrade" if form in ("@+1", "@+2", "@head") else "downgrade"
            run([verb, label + form])
        elif kind == "base":
            run(["downgrade", "base"])
        else:
            run(["current"])
    run(["upgrade", "heads"])
    run(["current"])


if __name__ == "__main__":
    main()
