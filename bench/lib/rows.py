"""The benchmark rows: what each tool runs, on which generated project, with which target."""
import glob
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import time

from . import gen
from .measure import Case, CheckFailed


def na(p):
    """True for an 'n/a: reason' string standing in for a project path or a case."""
    return isinstance(p, str) and p.startswith("n/a")


class Target:
    """A goal printed beside a row; check(cells) -> True/False, or None when a number is missing."""

    def __init__(self, text, check):
        self.text, self.check = text, check


def _med(cells, name):
    c = cells.get(name)
    return c.median if c is not None and not isinstance(c, str) and c.ok else None


def faster_and_under(times, seconds=None):
    def check(cells):
        r, a = _med(cells, "retort"), _med(cells, "alembic")
        if r is None or (times and a is None):
            return None
        return (not times or a / r >= times) and (seconds is None or r < seconds)
    parts = ([f"≥{times:g}× faster"] if times else []) + ([f"< {seconds:g} s"] if seconds else [])
    return Target(" and ".join(parts), check)


def rss_below(mib=None, times_alembic=None):
    """Peak RSS (max over the timed runs) under a fixed size and/or a multiple of Alembic's."""
    def check(cells):
        r, a = _rss(cells, "retort"), _rss(cells, "alembic")
        if r is None or (times_alembic and a is None):
            return None
        return (mib is None or r < mib) and (times_alembic is None or r < times_alembic * a)
    parts = ([f"< {mib:g} MiB"] if mib else []) + ([f"< {times_alembic:g}× Alembic's"] if times_alembic else [])
    return Target(" and ".join(parts), check)


def _rss(cells, name):
    c = cells.get(name)
    return c.rss_kb / 1024 if c is not None and not isinstance(c, str) and c.ok and c.rss_kb else None


def within_floor(factor):
    def check(cells):
        r, f = _med(cells, "retort"), _med(cells, "floor")
        return None if r is None or f is None else r / f <= factor
    return Target(f"≤{factor:g}× floor", check)


class Row:
    def __init__(self, key, label, target, cases, floor_target=None, floor_label=None, mem_target=None):
        self.key, self.label, self.target, self.cases = key, label, target, cases
        self.floor_target, self.floor_label = floor_target, floor_label
        self.mem_target = mem_target  # a Target on peak RSS, printed as its own line under the row
        self.cells = {}


class Bench:
    """Holds the tools, the scratch folder and the database servers; builds projects and rows on demand."""

    def __init__(self, work, retort, retort_dll, alembic, pg_url, pg_note, log):
        self.work, self.retort, self.retort_dll, self.alembic = work, retort, retort_dll, alembic
        self.pg_url, self.pg_note, self.log = pg_url, pg_note, log  # pg_url: admin URL (…/postgres) or None
        self.logs = os.path.join(work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self._projects = {}
        self.retort_note = self.alembic_note = None
        try:
            self.rt_template = gen.retort_template(work, retort) if retort else None
            if not retort:
                self.retort_note = "n/a: Retort CLI not built"
        except (subprocess.CalledProcessError, OSError) as e:
            self.rt_template, self.retort_note = None, f"n/a: retort init failed ({e})"
        try:
            self.al_template = gen.alembic_template(work, alembic)
        except (subprocess.CalledProcessError, OSError) as e:
            self.al_template, self.alembic_note = None, f"n/a: alembic init failed ({e})"

    # ---- databases -------------------------------------------------------------------------------------------
    def db_url(self, tool, db):
        if db == "sqlite":
            return "sqlite:///bench.db"
        return self.pg_url.rsplit("/", 1)[0] + f"/bench_{tool}"

    def pg_recreate(self, name):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.pg_url,
                        "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", "-c", f"CREATE DATABASE {name}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def pg_count_tables(self, name):
        url = self.pg_url.rsplit("/", 1)[0] + f"/{name}"
        out = subprocess.run(["psql", "-X", "-At", "-d", url, "-c",
                              "SELECT count(*) FROM pg_tables WHERE schemaname='public' AND tablename ~ '^t[0-9]+$'"],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())

    @staticmethod
    def sqlite_count_tables(path):
        out = subprocess.run(["sqlite3", path, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name GLOB 't[0-9]*'"],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())

    @staticmethod
    def rm_sqlite(path):
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    # ---- projects --------------------------------------------------------------------------------------------
    def project(self, tool, n, shape, db="sqlite", tag=""):
        """Path of a generated project (made once per run), or an 'n/a: …' string."""
        note = self.retort_note if tool == "retort" else self.alembic_note
        if note:
            return note
        if db == "pg" and not self.pg_url:
            return self.pg_note
        name = f"{tool}-{shape}-{n}-{db}{tag}"
        if name not in self._projects:
            url = self.db_url(tool, db)
            if tool == "retort":
                self._projects[name] = gen.retort_project(self.work, self.rt_template, name, n, shape, url)
            else:
                self._projects[name] = gen.alembic_project(self.work, self.al_template, name, n, shape, url)
        return self._projects[name]

    def tool_cmd(self, tool):
        return self.retort if tool == "retort" else self.alembic

    def case(self, tool, path, args, **kw):
        if na(path):
            return path
        log_dir = os.path.join(self.logs, os.path.basename(path))
        os.makedirs(log_dir, exist_ok=True)
        return Case(tool, self.tool_cmd(tool) + args, path, log_dir=log_dir, **kw)

    def stdout_check(self, path_fn, pattern, min_count=1):
        def check():
            with open(path_fn()) as f:
                text = f.read()
            found = len(re.findall(pattern, text, re.M))
            if found < min_count:
                raise CheckFailed(f"expected {min_count}× /{pattern}/ in output, found {found}")
        return check

    def setup(self, tool, path, args):
        """Runs a tool command once (untimed) to put a project's database in a known state."""
        subprocess.run(self.tool_cmd(tool) + args, cwd=path, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    # ---- rows ------------------------------------------------------------------------------------------------
    def startup(self):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, 0, "linear")
            cases[tool] = self.case(tool, p, ["heads"])
        return Row("startup", "start-up: `heads`, empty project", faster_and_under(None, 0.15), cases)

    def startup_dll(self):
        p = self.project("retort", 0, "linear")
        case = p if na(p) else Case("retort", ["dotnet", self.retort_dll, "heads"], p,
                                                 log_dir=os.path.join(self.logs, "startup-dll"))
        if not isinstance(case, str):
            os.makedirs(case.log_dir, exist_ok=True)
        alembic = self.project("alembic", 0, "linear")
        return Row("startup-dll", "start-up via `dotnet Retort.Cli.dll heads`", faster_and_under(None, 0.15),
                   {"retort": case, "alembic": self.case("alembic", alembic, ["heads"])})

    def graph_cmd(self, command, n, shape):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, shape)
            if na(p):
                cases[tool] = p
                continue
            log_dir = os.path.join(self.logs, os.path.basename(p))
            out = os.path.join(log_dir, f"{command}.out")
            args = [command]
            if command == "heads":
                check = self.stdout_check(lambda out=out: out, re.escape(gen.rev_id(n)) + r".*\(head\)")
            elif command == "show":
                args = [command, gen.rev_id(n)]
                check = self.stdout_check(lambda out=out: out, r"^Rev: " + re.escape(gen.rev_id(n)) + r" \(head\)$")
            elif command == "branches":
                # branched: one branch point per block of 10 (see gen.parents)
                check = self.stdout_check(lambda out=out: out, r"\(branchpoint\)$", n // 10)
            else:
                check = self.stdout_check(lambda out=out: out, r" -> \S+", n)
            cases[tool] = self.case(tool, p, args, stdout=out, check=check)
        big = n >= 5000
        label = f"`{command}{' <head>' if command == 'show' else ''}`, N={n} {shape}"
        return Row(f"{command}-{shape}-{n}", label, faster_and_under(10, 0.15) if big else None, cases,
                   mem_target=rss_below(times_alembic=1.5) if big else None)

    def current(self, n):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, "linear", tag="-current")
            if na(p):
                cases[tool] = p
                continue
            self.rm_sqlite(os.path.join(p, "bench.db"))
            try:
                self.setup(tool, p, ["stamp", "head"])
            except subprocess.CalledProcessError as e:
                cases[tool] = f"n/a: stamp head failed: {e.stderr.decode(errors='replace').strip()[-200:]}"
                continue
            out = os.path.join(self.logs, os.path.basename(p), "current.out")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            check = self.stdout_check(lambda out=out: out, re.escape(gen.rev_id(n)))
            # Alembic: a cheap warm-up (writes __pycache__); its `current` itself is the slow part being measured.
            warm = "self" if tool == "retort" else self.alembic + ["heads"]
            cases[tool] = self.case(tool, p, ["current"], stdout=out, check=check, warmup=warm)
        return Row(f"current-{n}", f"`current` at head, N={n} linear", faster_and_under(10, 0.2), cases,
                   mem_target=rss_below(times_alembic=1.5))

    def upgrade(self, n, db, shape="linear", with_floor=True):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, shape, db)
            if na(p):
                cases[tool] = p
                continue
            if db == "sqlite":
                dbfile = os.path.join(p, "bench.db")
                prep = lambda dbfile=dbfile: self.rm_sqlite(dbfile)
                check = self._count_check(lambda dbfile=dbfile: self.sqlite_count_tables(dbfile), n)
            else:
                name = f"bench_{tool}"
                prep = lambda name=name: self.pg_recreate(name)
                check = self._count_check(lambda name=name: self.pg_count_tables(name), n)
            cases[tool] = self.case(tool, p, ["upgrade", "head"], prep=prep, check=check)
        floor_label = None
        if with_floor:
            cases["floor"], floor_label = self.floor(n, db, shape)
        dbname = "SQLite file" if db == "sqlite" else "PostgreSQL"
        return Row(f"upgrade-{db}-{shape}-{n}", f"`upgrade head`, N={n} {shape}, {dbname}",
                   # PostgreSQL's row is bound by the server (the psql floor runs as long), so only its floor has a target.
                   faster_and_under(5) if shape == "linear" and db == "sqlite" else None, cases,
                   floor_target=within_floor(2 if db == "sqlite" else 1.3) if with_floor else None, floor_label=floor_label)

    def _count_check(self, count_fn, expected):
        def check():
            got = count_fn()
            if got != expected:
                raise CheckFailed(f"{got} tables after the run, expected {expected}")
        return check

    def floor(self, n, db, shape):
        """The same SQL (Retort's offline script, else Alembic's) through sqlite3 / psql: the lower bound."""
        folder = os.path.join(self.work, "floor")
        os.makedirs(folder, exist_ok=True)
        script = os.path.join(folder, f"{db}-{shape}-{n}.sql")
        source, errors = None, []
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, shape, db)
            if na(p):
                errors.append(f"{tool}: {p}")
                continue
            with open(script, "wb") as f:
                r = subprocess.run(self.tool_cmd(tool) + ["upgrade", "head", "--sql"], cwd=p, stdout=f,
                                   stderr=subprocess.PIPE)
            if r.returncode == 0:
                source = tool
                break
            errors.append(f"{tool} --sql failed: {r.stderr.decode(errors='replace').strip()[-150:]}")
        if source is None:
            return "n/a: no offline script (" + "; ".join(errors) + ")", None
        if db == "sqlite":
            if not shutil.which("sqlite3"):
                return "n/a: sqlite3 not installed", None
            dbfile = os.path.join(folder, "floor.db")
            case = Case("floor", ["sqlite3", "-bail", dbfile], folder, stdin=script, log_dir=folder,
                        prep=lambda: self.rm_sqlite(dbfile),
                        check=self._count_check(lambda: self.sqlite_count_tables(dbfile), n))
            label = f"floor: `sqlite3 -bail floor.db < script.sql` ({source}'s `--sql` output, same SQL), N={n}"
        else:
            url = self.pg_url.rsplit("/", 1)[0] + "/bench_floor"
            case = Case("floor", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", script], folder,
                        log_dir=folder, prep=lambda: self.pg_recreate("bench_floor"),
                        check=self._count_check(lambda: self.pg_count_tables("bench_floor"), n))
            label = f"floor: `psql -f script.sql` ({source}'s `--sql` output, same SQL), N={n}"
        return case, label

    def offline(self, n):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, "linear")
            if na(p):
                cases[tool] = p
                continue
            out = os.path.join(self.logs, os.path.basename(p), "offline.sql")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            check = self.stdout_check(lambda out=out: out, r"CREATE TABLE t\d+ ", n)
            cases[tool] = self.case(tool, p, ["upgrade", "head", "--sql"], stdout=out, check=check)
        return Row(f"offline-{n}", f"`upgrade head --sql`, N={n} linear (SQLite)", faster_and_under(10), cases)

    def lint(self, n):
        """`retort lint` over every revision (no database; Alembic has no counterpart): issue 22's < 1 s target."""
        p = self.project("retort", n, "linear")
        if na(p):
            return Row(f"lint-{n}", f"`lint`, N={n} linear", faster_and_under(None, 1.0), {"retort": p})
        out = os.path.join(self.logs, os.path.basename(p), "lint.txt")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        check = self.stdout_check(lambda: out, rf"^{n} revisions linted for ")
        return Row(f"lint-{n}", f"`lint`, N={n} linear (installed tool, warm compile cache)", faster_and_under(None, 1.0),
                   {"retort": self.case("retort", p, ["lint"], stdout=out, check=check)})

    def downgrade(self, n):
        cases = {}
        for tool in ("retort", "alembic"):
            p = self.project(tool, n, "linear", tag="-down")
            if na(p):
                cases[tool] = p
                continue
            dbfile, headdb = os.path.join(p, "bench.db"), os.path.join(p, "head.db")
            self.rm_sqlite(dbfile)
            try:
                self.setup(tool, p, ["upgrade", "head"])
            except subprocess.CalledProcessError as e:
                cases[tool] = f"n/a: upgrade head failed: {e.stderr.decode(errors='replace').strip()[-200:]}"
                continue
            shutil.copyfile(dbfile, headdb)

            def prep(dbfile=dbfile, headdb=headdb):
                self.rm_sqlite(dbfile)
                shutil.copyfile(headdb, dbfile)
            check = self._count_check(lambda dbfile=dbfile: self.sqlite_count_tables(dbfile), 0)
            cases[tool] = self.case(tool, p, ["downgrade", "base"], prep=prep, check=check)
        return Row(f"downgrade-{n}", f"`downgrade base`, N={n} linear, SQLite file", None, cases)

    def compile_first(self, n):
        p = self.project("retort", n, "linear", tag="-compile")
        if na(p):
            return Row("compile-first", f"Retort first compile, {n} revisions", None, {"retort": p})
        cache = os.path.join(p, "migrations", ".retort-cache")
        case = self.case("retort", p, ["upgrade", "head", "--sql"], stdout=os.devnull,
                         prep=lambda: shutil.rmtree(cache, ignore_errors=True))
        return Row("compile-first",
                   f"Retort first compile: `upgrade head --sql`, {n} revisions, cache emptied",
                   Target("< 5 s", lambda c: None if _med(c, "retort") is None else _med(c, "retort") < 5),
                   {"retort": case, "alembic": "n/a: no compile step"}, mem_target=rss_below(mib=300))

    def compile_one(self, n):
        p = self.project("retort", n, "linear", tag="-compile")
        if na(p):
            return Row("compile-one", "Retort compile after adding one revision", None, {"retort": p})
        new = os.path.join(p, "migrations", "versions", f"{gen.rev_id(n + 1)}_rev_{n + 1}.cs")

        def prep():
            # A new revision on top, with fresh content every run so its bucket is never already cached.
            with open(new, "w") as f:
                f.write(gen.retort_file(n + 1, [n], message=f"rev {n + 1} at {time.time_ns()}"))
        case = self.case("retort", p, ["upgrade", "head", "--sql"], stdout=os.devnull, prep=prep)
        return Row("compile-one", f"Retort compile after adding 1 revision to {n} (`upgrade head --sql`)",
                   Target("< 1 s", lambda c: None if _med(c, "retort") is None else _med(c, "retort") < 1),
                   {"retort": case, "alembic": "n/a: no compile step"})

    def edit_one(self, n):
        """Issue 24's inner loop: the next command after editing one revision, beside the same command warm."""
        label = f"next command after editing 1 of {n} revisions (`upgrade head --sql`)"
        p = self.project("retort", n, "linear", tag="-edit")
        if na(p):
            return Row("edit-one", label, None, {"retort": p})
        edited = os.path.join(p, "migrations", "versions", f"{gen.rev_id(n // 2)}_rev_{n // 2}.cs")

        def prep():
            # Fresh content every run (a new message), so the edited file is never already compiled.
            with open(edited, "w") as f:
                f.write(gen.retort_file(n // 2, [n // 2 - 1], message=f"rev {n // 2} edited at {time.time_ns()}"))
        case = self.case("retort", p, ["upgrade", "head", "--sql"], stdout=os.devnull, prep=prep)
        warm = self.case("retort", p, ["upgrade", "head", "--sql"], stdout=os.devnull)

        def within(cells):
            r, w = _med(cells, "retort"), _med(cells, "floor")
            return None if r is None or w is None else r - w <= 0.3
        return Row("edit-one", label, None, {"retort": case, "alembic": "n/a: no compile step", "floor": warm},
                   floor_target=Target("≤ 0.3 s more than warm", within),
                   floor_label="the same command warm (nothing edited)")

    def _bundle(self, n):
        """A project with its `retort bundle` executable (built once, untimed) and its database at head."""
        p = self.project("retort", n, "linear", tag="-bundle")
        if na(p):
            return p, None
        exe = os.path.join(p, "migrate")
        if not os.path.exists(exe):
            try:
                self.setup("retort", p, ["bundle", "-o", "migrate"])
            except subprocess.CalledProcessError as e:
                return f"n/a: retort bundle failed: {e.stderr.decode(errors='replace').strip()[-200:]}", None
        self.rm_sqlite(os.path.join(p, "bench.db"))
        self.setup("retort", p, ["upgrade", "head"])
        return p, exe

    def bundle_current(self, n):
        """A bundle's start-up: `current` at head, beside the installed tool's (issue 24)."""
        label = f"bundle (`retort bundle`): `current` at head, N={n} linear, SQLite file"
        p, exe = self._bundle(n)
        if exe is None:
            return Row(f"bundle-current-{n}", label, None, {"retort": p})
        out = os.path.join(self.logs, os.path.basename(p), "bundle-current.out")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        check = self.stdout_check(lambda: out, re.escape(gen.rev_id(n)))
        bundle = Case("retort", [exe, "current"], p, stdout=out, check=check, log_dir=os.path.join(self.logs, os.path.basename(p)))
        tool = self.case("retort", p, ["current"], stdout=os.devnull)
        return Row(f"bundle-current-{n}", label, faster_and_under(None, 0.15),
                   {"retort": bundle, "alembic": "n/a: no bundle", "floor": tool}, floor_label="the installed tool's `current`")

    def bundle_noop(self, n):
        """A bundle's no-op deploy: `upgrade head` with the database already at head."""
        label = f"bundle (`retort bundle`): no-op `upgrade head` at head, N={n} linear, SQLite file"
        p, exe = self._bundle(n)
        if exe is None:
            return Row(f"bundle-noop-{n}", label, None, {"retort": p})
        bundle = Case("retort", [exe, "upgrade", "head"], p, log_dir=os.path.join(self.logs, os.path.basename(p)))
        tool = self.case("retort", p, ["upgrade", "head"])
        return Row(f"bundle-noop-{n}", label, faster_and_under(None, 0.15),
                   {"retort": bundle, "alembic": "n/a: no bundle", "floor": tool}, floor_label="the installed tool's no-op `upgrade head`")

    def fleet(self, targets, n):
        """`retort fleet upgrade head` over many SQLite files, against the shell loop of one `retort upgrade` each."""
        label = f"`fleet upgrade head`, {targets} SQLite files, N={n} linear"
        p = self.project("retort", n, "linear", tag=f"-fleet{targets}")
        if na(p):
            return Row(f"fleet-sqlite-{targets}", label, None, {"retort": p})
        files = [os.path.join(p, "fleet", f"t{i:04d}.db") for i in range(1, targets + 1)]
        with open(os.path.join(p, "targets.txt"), "w") as f:
            f.writelines(f"sqlite:///fleet/t{i:04d}.db\n" for i in range(1, targets + 1))

        def prep():
            shutil.rmtree(os.path.join(p, "fleet"), ignore_errors=True)
            os.makedirs(os.path.join(p, "fleet"))

        def check():
            for path in files:
                with sqlite3.connect(path) as c:
                    got = c.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name GLOB 't[0-9]*'").fetchone()[0]
                if got != n:
                    raise CheckFailed(f"{path}: {got} tables after the run, expected {n}")
        fleet = self.case("retort", p, ["fleet", "upgrade", "head", "--targets", "targets.txt"], prep=prep, check=check)
        # What a user writes without a fleet command: one process per database, its URL through the env file's -x url.
        retort = " ".join(shlex.quote(a) for a in self.tool_cmd("retort"))
        loop = Case("loop", ["bash", "-c", f'while read -r url; do {retort} -q -x "url=$url" upgrade head || exit 1; done < targets.txt'],
                    p, prep=prep, check=check, log_dir=os.path.join(self.logs, os.path.basename(p)))

        def faster_than_loop(cells):
            r, f = _med(cells, "retort"), _med(cells, "floor")
            return None if r is None or f is None else f / r >= 10
        return Row(f"fleet-sqlite-{targets}", label, None,
                   {"retort": fleet, "alembic": "n/a: no fleet command (its cookbook loops in env.py)", "floor": loop},
                   floor_target=Target("≥10× faster than the loop", faster_than_loop),
                   floor_label=f"shell loop: `retort -x url=… upgrade head` once per file, {targets} processes")


def all_rows(b):
    """Row builders in print order (each is called just before it is measured)."""
    return [
        b.startup,
        b.startup_dll,
        lambda: b.graph_cmd("heads", 1000, "linear"),
        lambda: b.graph_cmd("heads", 5000, "linear"),
        lambda: b.graph_cmd("heads", 5000, "branched"),
        lambda: b.graph_cmd("history", 1000, "linear"),
        lambda: b.graph_cmd("history", 5000, "linear"),
        lambda: b.graph_cmd("history", 5000, "branched"),
        lambda: b.graph_cmd("branches", 5000, "branched"),
        lambda: b.graph_cmd("show", 5000, "linear"),
        lambda: b.current(5000),
        lambda: b.upgrade(1000, "sqlite"),
        lambda: b.upgrade(1000, "sqlite", "branched", with_floor=False),
        lambda: b.upgrade(1000, "pg"),
        lambda: b.offline(5000),
        lambda: b.lint(1000),
        lambda: b.downgrade(1000),
        lambda: b.compile_first(1000),
        lambda: b.compile_one(1000),
        lambda: b.edit_one(1000),
        lambda: b.bundle_current(1000),
        lambda: b.bundle_noop(1000),
        lambda: b.fleet(200, 10),
    ]
