#!/usr/bin/env python3
"""Times Retort and Alembic on generated projects and prints medians, ratios and peak memory.

Each row runs both tools on the same work (same revision graph, same SQL) several times and reports the median
wall time and the largest peak RSS. `ratio` is Alembic's time over Retort's: how many times faster Retort is.
"""
import os, platform, shutil, statistics, subprocess, sys, time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORK = os.path.join(REPO, "bench", ".work")
# The same ReadyToRun build that scripts/retort runs (bench/run.sh publishes it first).
RETORT = [os.path.join(REPO, "artifacts", "cli", "Retort.Cli")]
ALEMBIC = ["/usr/bin/python3", "-m", "alembic"]
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 5


def pg_url():
    env = os.path.join(os.environ.get("RETORT_SCRATCH", os.path.join(REPO, ".scratch", "db")), "env.sh")
    for line in open(env):
        if line.startswith("export RETORT_TEST_PG="):
            return line.split("=", 1)[1].strip()
    raise SystemExit("no PostgreSQL: run scripts/db-servers.sh start")


def psql(url, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True, capture_output=True)


def rev_id(i):
    return f"{i:012d}"


def make_projects(name, n, url_retort, url_alembic, branched=False):
    """Writes the same N-revision graph for both tools; revision i creates table t<i>."""
    root = os.path.join(WORK, name)
    shutil.rmtree(root, ignore_errors=True)
    r, a = os.path.join(root, "retort"), os.path.join(root, "alembic")
    os.makedirs(os.path.join(r, "migrations", "versions"))
    open(os.path.join(r, "migrations", "env.cs"), "w").write("using Retort;\npublic sealed class Env : MigrationEnvironment { public override void Configure(EnvironmentContext c) { } }\n")
    open(os.path.join(r, "retort.toml"), "w").write(f'[retort]\nscript_location = "migrations"\nurl = "{url_retort}"\n')
    subprocess.run(ALEMBIC + ["init", "migrations"], cwd=os.makedirs(a) or a, check=True, capture_output=True)
    ini = os.path.join(a, "alembic.ini")
    text = open(ini).read().replace("driver://user:pass@localhost/dbname", url_alembic)
    open(ini, "w").write(text)
    for i in range(1, n + 1):
        parents = parents_of(i, branched)
        write_pair(r, a, i, parents)
    return r, a


def parents_of(i, branched):
    if i == 1:
        return []
    if not branched:
        return [rev_id(i - 1)]
    # Every 10 revisions: a branch point at 10k+1 splits into two lines that merge at 10k+10.
    k = (i - 1) % 10
    base = i - k
    if k == 0:
        return [rev_id(i - 1)]
    if k in (1, 2):
        return [rev_id(base)]
    if k == 9:
        return [rev_id(i - 1), rev_id(i - 2)]
    return [rev_id(i - 2)]


def write_pair(r, a, i, parents):
    rid = rev_id(i)
    args = [f'"{rid}"']
    if len(parents) == 1:
        args.append(f'DownRevision = "{parents[0]}"')
    elif parents:
        args.append("DownRevisions = new[] { " + ", ".join(f'"{p}"' for p in parents) + " }")
    args.append(f'Message = "rev {i}"')
    open(os.path.join(r, "migrations", "versions", f"{rid}_rev_{i}.cs"), "w").write(
        f"// rev {i}\nusing Retort;\n[Revision({', '.join(args)})]\npublic sealed class Rev{i} : Migration\n{{\n"
        f'    public override void Upgrade(Operations op) => op.Execute("CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT)");\n'
        f'    public override void Downgrade(Operations op) => op.Execute("DROP TABLE t{i}");\n}}\n')
    down = "None" if not parents else (repr(parents[0]) if len(parents) == 1 else repr(tuple(parents)))
    open(os.path.join(a, "migrations", "versions", f"{rid}_rev_{i}.py"), "w").write(
        f'"""rev {i}"""\nfrom alembic import op\nrevision = {rid!r}\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n'
        f'def upgrade():\n    op.execute("CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT)")\n\n'
        f'def downgrade():\n    op.execute("DROP TABLE t{i}")\n')


def timed(cmd, cwd, setup=None):
    """Median seconds and max peak RSS (MiB) over RUNS runs; setup runs before each, untimed."""
    times, peak = [], 0.0
    for _ in range(RUNS):
        if setup:
            setup()
        err = open(os.path.join(WORK, "stderr.txt"), "w+")
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}: {err.read()[-800:]}")
        err.close()
        peak = max(peak, usage.ru_maxrss / 1024.0)
    return statistics.median(times), peak


ROWS = []


def row(name, retort, alembic, target=None, met=None):
    ROWS.append((name, retort, alembic, target, met))
    r_t, r_m = retort
    if alembic is None:
        ratio, a_txt = "n/a", "n/a"
    else:
        a_t, a_m = alembic
        ratio = f"{a_t / r_t:5.1f}x"
        a_txt = f"{a_t:8.3f}s {a_m:6.0f}MiB"
    verdict = "" if met is None else ("met" if met else "MISSED")
    print(f"| {name:38} | {r_t:8.3f}s {r_m:6.0f}MiB | {a_txt:>19} | {ratio:>7} | {target or '':34} | {verdict:6} |", flush=True)


def rm_db(path):
    return lambda: os.path.exists(path) and os.remove(path)


def main():
    os.makedirs(WORK, exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) // 1024 // 1024
    alembic_version = subprocess.run(ALEMBIC + ["--version"], capture_output=True, text=True).stdout.strip()
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {cpu}, {os.cpu_count()} cores, {mem} GiB; {alembic_version}; .NET SDK {dotnet}; runs per row: {RUNS}")
    print("reproduce: bench/run.sh" + (" --quick" if QUICK else ""))
    print("| row                                    |     Retort (median, peak) |     Alembic (median) |   ratio | target                             | result |")
    print("|" + "-" * 40 + "|" + "-" * 27 + "|" + "-" * 21 + "|" + "-" * 9 + "|" + "-" * 36 + "|" + "-" * 8 + "|")

    # Start-up: an empty project.
    r, a = make_projects("empty", 0, "sqlite:///app.db", "sqlite:///app.db")
    rt, at = timed(RETORT + ["heads"], r), timed(ALEMBIC + ["heads"], a)
    row("start-up (heads, empty project)", rt, at, "< 0.15 s", rt[0] < 0.15)

    for n in (1000, 5000):
        r, a = make_projects(f"linear{n}", n, "sqlite:///app.db", "sqlite:///app.db")
        for cmd in ("heads", "history"):
            rt, at = timed(RETORT + [cmd], r), timed(ALEMBIC + [cmd], a)
            if n == 5000:
                row(f"{cmd} N={n}", rt, at, ">= 10x and < 0.15 s", at[0] / rt[0] >= 10 and rt[0] < 0.15)
            else:
                row(f"{cmd} N={n}", rt, at)
        if n == 5000:
            rt, at = timed(RETORT + ["upgrade", "--sql", "base:head"], r), timed(ALEMBIC + ["upgrade", "--sql", "base:head"], a)
            row("upgrade head --sql N=5000", rt, at, ">= 10x", at[0] / rt[0] >= 10)
            subprocess.run(RETORT + ["stamp", "head"], cwd=r, check=True, capture_output=True)
            subprocess.run(ALEMBIC + ["stamp", "head"], cwd=a, check=True, capture_output=True)
            rt, at = timed(RETORT + ["current"], r), timed(ALEMBIC + ["current"], a)
            row("current at head N=5000", rt, at, "< 0.2 s", rt[0] < 0.2)

    # Upgrades that run SQL: SQLite file, PostgreSQL, and the raw-SQL floor.
    n = 1000
    r, a = make_projects("up1000", n, "sqlite:///app.db", "sqlite:///app.db")
    rdb, adb = os.path.join(r, "app.db"), os.path.join(a, "app.db")
    subprocess.run(RETORT + ["upgrade", "--sql", "base:head"], cwd=r, check=True, capture_output=True)  # warm the compile cache
    rt = timed(RETORT + ["upgrade", "head"], r, setup=rm_db(rdb))
    at = timed(ALEMBIC + ["upgrade", "head"], a, setup=rm_db(adb))
    floor_sql = os.path.join(WORK, "floor.sql")
    with open(floor_sql, "w") as f:
        f.write("BEGIN;\n" + "".join(f"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT);\n" for i in range(1, n + 1)) + "COMMIT;\n")
    floor_db = os.path.join(WORK, "floor.db")
    ft = timed(["sh", "-c", f"sqlite3 {floor_db} < {floor_sql}"], WORK, setup=rm_db(floor_db))
    row("upgrade head N=1000 SQLite", rt, at, ">= 5x Alembic, <= 1.3x floor", at[0] / rt[0] >= 5 and rt[0] <= 1.3 * ft[0])
    row("  floor: same DDL via sqlite3", ft, None, f"Retort/floor = {rt[0] / ft[0]:.2f}x")
    rt = timed(RETORT + ["downgrade", "base"], r, setup=lambda: subprocess.run(RETORT + ["upgrade", "head"], cwd=r, check=True, capture_output=True))
    at = timed(ALEMBIC + ["downgrade", "base"], a, setup=lambda: subprocess.run(ALEMBIC + ["upgrade", "head"], cwd=a, check=True, capture_output=True))
    row("downgrade base N=1000 SQLite", rt, at)

    url = pg_url()
    base, _, _ = url.rpartition("/")
    for db in ("bench_retort", "bench_alembic", "bench_floor"):
        psql(url, f"DROP DATABASE IF EXISTS {db}")
        psql(url, f"CREATE DATABASE {db}")
    sa_url = (base + "/bench_alembic").replace("postgresql://", "postgresql+psycopg2://")
    have_psycopg = subprocess.run(["/usr/bin/python3", "-c", "import psycopg2"], capture_output=True).returncode == 0
    r, a = make_projects("pg1000", n, base + "/bench_retort", sa_url)
    subprocess.run(RETORT + ["upgrade", "--sql", "base:head"], cwd=r, check=True, capture_output=True)
    reset = lambda db: (lambda: (psql(url, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"), psql(url, f"CREATE DATABASE {db}")))
    rt = timed(RETORT + ["upgrade", "head"], r, setup=reset("bench_retort"))
    at = timed(ALEMBIC + ["upgrade", "head"], a, setup=reset("bench_alembic")) if have_psycopg else None
    ft = timed(["psql", "-q", "-v", "ON_ERROR_STOP=1", base + "/bench_floor", "-f", floor_sql], WORK, setup=reset("bench_floor"))
    row("upgrade head N=1000 PostgreSQL", rt, at, ">= 5x Alembic, <= 1.3x floor", (at is None or at[0] / rt[0] >= 5) and rt[0] <= 1.3 * ft[0])
    row("  floor: same DDL via psql", ft, None, f"Retort/floor = {rt[0] / ft[0]:.2f}x")

    # Compilation of revision files (Retort only: Alembic imports Python modules).
    r, _ = make_projects("compile1000", 1000, "sqlite:///app.db", "sqlite:///app.db")
    cache = os.path.join(r, "migrations", ".retort-cache")
    rt = timed(RETORT + ["upgrade", "--sql", "base:head"], r, setup=lambda: shutil.rmtree(cache, ignore_errors=True))
    row("first compile, 1000 revisions", rt, None, "< 5 s", rt[0] < 5)
    counter = [1000]

    def add_one():
        counter[0] += 1
        write_retort_only(r, counter[0])
    rt = timed(RETORT + ["upgrade", "--sql", "base:head"], r, setup=add_one)
    row("compile after adding one revision", rt, None, "< 1 s", rt[0] < 1)



def write_retort_only(r, i):
    rid, parent = rev_id(i), rev_id(i - 1)
    open(os.path.join(r, "migrations", "versions", f"{rid}_rev_{i}.cs"), "w").write(
        f'// rev {i}\nusing Retort;\n[Revision("{rid}", DownRevision = "{parent}", Message = "rev {i}")]\n'
        f"public sealed class Rev{i} : Migration\n{{\n"
        f'    public override void Upgrade(Operations op) => op.Execute("CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT)");\n'
        f'    public override void Downgrade(Operations op) => op.Execute("DROP TABLE t{i}");\n}}\n')


if __name__ == "__main__":
    main()
