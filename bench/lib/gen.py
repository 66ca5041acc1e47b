"""Generates the same N-revision project for Retort (C# files) and Alembic (.py files), written directly."""
import os
import shutil
import subprocess

DATE = "2026-01-01 00:00:00.000000"


def rev_id(i):
    """12-character id, decimal digits only (valid hex), e.g. 000000000042."""
    return f"{i:012d}"


def parents(n, shape):
    """[(i, [parent numbers])] for revisions 1..n.

    linear:   1 <- 2 <- 3 ... (one chain)
    branched: blocks of 10: rev 1 of a block follows the previous block's merge; revs 2-5 are branch A,
              revs 6-9 branch B (both off rev 1 of the block), rev 10 merges A and B. n should be a multiple of 10
              so that there is one head.
    """
    out = []
    for i in range(1, n + 1):
        if shape == "linear":
            out.append((i, [i - 1] if i > 1 else []))
            continue
        p = (i - 1) % 10 + 1  # position 1..10 in the block
        start = i - p + 1
        if p == 1:
            ps = [i - 1] if i > 1 else []
        elif p == 6:
            ps = [start]
        elif p == 10:
            ps = [i - 5, i - 1]
        else:
            ps = [i - 1]
        out.append((i, ps))
    return out


def upgrade_sql(i):
    return f"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT)"


def downgrade_sql(i):
    return f"DROP TABLE t{i}"


def retort_file(i, ps, message=None):
    message = message or f"rev {i}"
    args = f'"{rev_id(i)}"'
    if len(ps) == 1:
        args += f', DownRevision = "{rev_id(ps[0])}"'
    elif len(ps) > 1:
        args += ", DownRevisions = new[] { " + ", ".join(f'"{rev_id(p)}"' for p in ps) + " }"
    args += f', Message = "{message}"'
    revises = ", ".join(rev_id(p) for p in ps)
    return f"""// {message}
//
// Revision ID: {rev_id(i)}
// Revises: {revises}
// Create Date: {DATE}
using Retort;

[Revision({args})]
public sealed class Rev{i} : Migration
{{
    public override void Upgrade(Operations op)
    {{
        op.Execute("{upgrade_sql(i)}");
    }}

    public override void Downgrade(Operations op)
    {{
        op.Execute("{downgrade_sql(i)}");
    }}
}}
"""


def alembic_file(i, ps, message=None):
    message = message or f"rev {i}"
    if not ps:
        down = "None"
    elif len(ps) == 1:
        down = repr(rev_id(ps[0]))
    else:
        down = "(" + ", ".join(repr(rev_id(p)) for p in ps) + ")"
    revises = ", ".join(rev_id(p) for p in ps)
    return f'''"""{message}

Revision ID: {rev_id(i)}
Revises: {revises}
Create Date: {DATE}

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = {rev_id(i)!r}
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("{upgrade_sql(i)}")


def downgrade() -> None:
    op.execute("{downgrade_sql(i)}")
'''


def _write_revisions(versions, n, shape, writer, ext):
    os.makedirs(versions, exist_ok=True)
    for i, ps in parents(n, shape):
        with open(os.path.join(versions, f"{rev_id(i)}_rev_{i}.{ext}"), "w") as f:
            f.write(writer(i, ps))


def retort_template(work, retort_cmd):
    """`retort init migrations` once, in work/templates/retort; copied for every project."""
    path = os.path.join(work, "templates", "retort")
    if not os.path.isfile(os.path.join(path, "retort.toml")):
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        subprocess.run(retort_cmd + ["init", "migrations"], cwd=path, check=True, stdout=subprocess.DEVNULL)
    return path


def alembic_template(work, alembic_cmd):
    path = os.path.join(work, "templates", "alembic")
    if not os.path.isfile(os.path.join(path, "alembic.ini")):
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        subprocess.run(alembic_cmd + ["init", "alembic"], cwd=path, check=True, stdout=subprocess.DEVNULL)
    return path


def _replace_line(path, prefix, line):
    with open(path) as f:
        lines = f.read().split("\n")
    hits = [k for k, l in enumerate(lines) if l.startswith(prefix)]
    if len(hits) != 1:
        raise RuntimeError(f"{path}: expected one line starting with {prefix!r}, found {len(hits)}")
    lines[hits[0]] = line
    with open(path, "w") as f:
        f.write("\n".join(lines))


def retort_project(work, template, name, n, shape, url):
    """A fresh Retort project: retort.toml (url set) + migrations/ with n revisions."""
    path = os.path.join(work, "projects", name)
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(template, path)
    _replace_line(os.path.join(path, "retort.toml"), "url = ", f'url = "{url}"')
    _write_revisions(os.path.join(path, "migrations", "versions"), n, shape, retort_file, "cs")
    return path


def alembic_project(work, template, name, n, shape, url):
    path = os.path.join(work, "projects", name)
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(template, path)
    _replace_line(os.path.join(path, "alembic.ini"), "sqlalchemy.url = ", f"sqlalchemy.url = {url}")
    _write_revisions(os.path.join(path, "alembic", "versions"), n, shape, alembic_file, "py")
    return path
