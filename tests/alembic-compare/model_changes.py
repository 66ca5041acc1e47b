#!/usr/bin/env python3
"""The model changes of Retort's drift suite (tests/Retort.Tests/Autogenerate/ModelChanges) through real Alembic's
compare_metadata, as the reference for what a change is. For each database: model A is created (metadata.create_all),
then Alembic compares the live database with A (anything listed is false drift) and with B (per case: detected or
missed). Alembic runs with compare_type=True and compare_server_default=True, its most thorough settings.

Usage: tests/alembic-compare/model_changes.py [sqlite|postgresql|mysql ...]
  (needs /usr/bin/python3 with python3-alembic, python3-psycopg2 and python3-pymysql; the servers from
  RETORT_TEST_PG / RETORT_TEST_MYSQL or .scratch/db/env.sh). Prints one line per case and a summary per database.
"""
import os, re, sys, tempfile, uuid
from sqlalchemy import (MetaData, Table, Column, Integer, BigInteger, String, Numeric, DateTime, Boolean, Index,
                        UniqueConstraint, ForeignKey, CheckConstraint, PrimaryKeyConstraint, Computed, Enum,
                        create_engine, func, text)
from alembic.migration import MigrationContext
from alembic.autogenerate import compare_metadata

ALL = {"sqlite", "postgresql", "mysql"}


def Id():
    return Column("id", Integer, primary_key=True, autoincrement=False)


def I(name, nullable=True, **kw):
    return Column(name, Integer, nullable=nullable, **kw)


def S(name, length=20, **kw):
    return Column(name, String(length, collation=kw.pop("collation", None)), **kw)


def change(name, a, b, dbs=ALL):
    return (name, lambda m: Table(name, m, *a()), lambda m: Table(name, m, *b()), dbs)


def same(name, model, dbs=ALL):
    return change(name, model, model, dbs) + ("control",)


def dflt(v):
    return text(v)


CASES = [
    change("c_add", lambda: [Id()], lambda: [Id(), I("v")]),
    change("c_drop", lambda: [Id(), I("v")], lambda: [Id()]),
    change("c_type", lambda: [Id(), I("v")], lambda: [Id(), Column("v", BigInteger)]),
    change("c_length", lambda: [Id(), S("v", 20)], lambda: [Id(), S("v", 40)]),
    change("c_precision", lambda: [Id(), Column("v", Numeric(10, 2))], lambda: [Id(), Column("v", Numeric(12, 3))]),
    change("c_notnull", lambda: [Id(), I("v")], lambda: [Id(), I("v", nullable=False)]),
    change("c_null", lambda: [Id(), I("v", nullable=False)], lambda: [Id(), I("v")]),
    change("c_default_add", lambda: [Id(), I("v")], lambda: [Id(), I("v", server_default=dflt("0"))]),
    change("c_default_change", lambda: [Id(), S("v", server_default=dflt("'a'"))], lambda: [Id(), S("v", server_default=dflt("'b'"))]),
    change("c_default_neg", lambda: [Id(), I("v", server_default=dflt("-1"))], lambda: [Id(), I("v", server_default=dflt("-2"))]),
    change("c_default_drop", lambda: [Id(), I("v", server_default=dflt("1"))], lambda: [Id(), I("v")]),
    change("c_comment", lambda: [Id(), I("v")], lambda: [Id(), I("v", comment="the v")], {"postgresql", "mysql"}),
    change("c_comment_change", lambda: [Id(), I("v", comment="old")], lambda: [Id(), I("v", comment="new")], {"postgresql", "mysql"}),
    change("c_identity", lambda: [Id()], lambda: [Column("id", Integer, primary_key=True, autoincrement=True)]),
    change("c_computed", lambda: [Id(), I("a"), Column("c", Integer, Computed("a * 2", persisted=True))],
           lambda: [Id(), I("a"), Column("c", Integer, Computed("a * 3", persisted=True))]),
    change("c_computed_virtual", lambda: [Id(), I("a"), Column("c", Integer, Computed("a + 1"))],
           lambda: [Id(), I("a"), Column("c", Integer, Computed("a + 2"))], {"sqlite", "mysql"}),
    change("c_collation", lambda: [Id(), S("v", collation="C")], lambda: [Id(), S("v", collation="POSIX")], {"postgresql"}),
    change("c_collation", lambda: [Id(), S("v", collation="NOCASE")], lambda: [Id(), S("v", collation="RTRIM")], {"sqlite"}),
    change("c_collation", lambda: [Id(), S("v", collation="latin1_bin")], lambda: [Id(), S("v", collation="latin1_general_ci")], {"mysql"}),
    change("i_add", lambda: [Id(), I("a")], lambda: [Id(), I("a"), Index("ix_i_add", "a")]),
    change("i_drop", lambda: [Id(), I("a"), Index("ix_i_drop", "a")], lambda: [Id(), I("a")]),
    change("i_unique", lambda: [Id(), I("a"), Index("ix_i_unique", "a")], lambda: [Id(), I("a"), Index("ix_i_unique", "a", unique=True)]),
    change("i_columns", lambda: [Id(), I("a"), I("b"), Index("ix_i_columns", "a")], lambda: [Id(), I("a"), I("b"), Index("ix_i_columns", "a", "b")]),
    change("i_order", lambda: [Id(), I("a"), Index("ix_i_order", "a")], lambda: [Id(), I("a"), Index("ix_i_order", text("a DESC"))]),
    change("i_where_add", lambda: [Id(), I("a"), Index("ix_i_where_add", "a")],
           lambda: [Id(), I("a"), Index("ix_i_where_add", "a", postgresql_where=text("a > 0"), sqlite_where=text("a > 0"))], {"sqlite", "postgresql"}),
    change("i_where_change", lambda: [Id(), I("a"), Index("ix_i_where_change", "a", postgresql_where=text("a > 0"), sqlite_where=text("a > 0"))],
           lambda: [Id(), I("a"), Index("ix_i_where_change", "a", postgresql_where=text("a > 5"), sqlite_where=text("a > 5"))], {"sqlite", "postgresql"}),
    change("i_where_drop", lambda: [Id(), I("a"), Index("ix_i_where_drop", "a", postgresql_where=text("a > 0"), sqlite_where=text("a > 0"))],
           lambda: [Id(), I("a"), Index("ix_i_where_drop", "a")], {"sqlite", "postgresql"}),
    change("i_expr", lambda: [Id(), S("v"), Index("ix_i_expr", text("lower(v)"))], lambda: [Id(), S("v"), Index("ix_i_expr", text("upper(v)"))], {"sqlite", "postgresql"}),
    change("i_method", lambda: [Id(), I("a"), Index("ix_i_method", "a")], lambda: [Id(), I("a"), Index("ix_i_method", "a", postgresql_using="hash")], {"postgresql"}),
    change("i_include", lambda: [Id(), I("a"), I("b"), Index("ix_i_include", "a")],
           lambda: [Id(), I("a"), I("b"), Index("ix_i_include", "a", postgresql_include=["b"])], {"postgresql"}),
    change("u_named", lambda: [Id(), I("a")], lambda: [Id(), I("a"), UniqueConstraint("a", name="uq_named_a")]),
    change("u_unnamed", lambda: [Id(), I("a")], lambda: [Id(), I("a"), UniqueConstraint("a", name="uq_u_unnamed_a")]),
    change("u_columns", lambda: [Id(), I("a"), I("b"), UniqueConstraint("a", name="uq_cols")], lambda: [Id(), I("a"), I("b"), UniqueConstraint("a", "b", name="uq_cols")]),
    ("f_action", lambda m: (Table("f_parent", m, Id()), Table("f_action", m, Id(), I("p"), ForeignKeyConstraint_(["p"], "fk_action", None))),
     lambda m: (Table("f_parent", m, Id()), Table("f_action", m, Id(), I("p"), ForeignKeyConstraint_(["p"], "fk_action", "CASCADE"))), ALL),
    ("f_unnamed", lambda m: (Table("f_target", m, Id()), Table("f_unnamed", m, Id(), I("p"))),
     lambda m: (Table("f_target", m, Id()), Table("f_unnamed", m, Id(), I("p"), ForeignKeyConstraint_(["p"], None, None, "f_target"))), ALL),
    change("k_named", lambda: [Id(), I("a"), CheckConstraint("a > 0", name="ck_named")], lambda: [Id(), I("a"), CheckConstraint("a > 5", name="ck_named")]),
    change("k_unnamed_add", lambda: [Id(), I("a")], lambda: [Id(), I("a"), CheckConstraint("a > 0", name="ck_k_unnamed_add_1")]),
    change("k_unnamed_change", lambda: [Id(), I("a"), CheckConstraint("a > 0", name="ck_k_unnamed_change_1")],
           lambda: [Id(), I("a"), CheckConstraint("a >= 0", name="ck_k_unnamed_change_1")]),
    change("k_unnamed_drop", lambda: [Id(), I("a"), CheckConstraint("a > 0", name="ck_k_unnamed_drop_1")], lambda: [Id(), I("a")]),
    change("p_columns", lambda: [Id(), I("a", nullable=False)], lambda: [Id(), Column("a", Integer, primary_key=True, autoincrement=False)]),
    change("p_order", lambda: [I("id", nullable=False), I("a", nullable=False), PrimaryKeyConstraint("id", "a")],
           lambda: [I("id", nullable=False), I("a", nullable=False), PrimaryKeyConstraint("a", "id")]),
    ("t_comment", lambda m: Table("t_comment", m, Id()), lambda m: Table("t_comment", m, Id(), comment="the table"), {"postgresql", "mysql"}),
    ("e_new", lambda m: Table("e_new", m, Id()), lambda m: Table("e_new", m, Id(), Column("c", Enum("red", "green", name="e_color"))), {"postgresql"}),
    ("e_value", lambda m: Table("e_value", m, Id(), Column("m", Enum("sad", "ok", name="e_mood"))),
     lambda m: Table("e_value", m, Id(), Column("m", Enum("sad", "ok", "happy", name="e_mood"))), {"postgresql"}),
    same("n_defaults", lambda: [Id(), I("d_neg", server_default=dflt("-1")), Column("d_ts", DateTime, server_default=dflt("CURRENT_TIMESTAMP")),
                                S("d_str", server_default=dflt("'x'")), Column("d_dec", Numeric(10, 2), server_default=dflt("1.5")),
                                I("d_expr", server_default=dflt("(1 + 2)"))]),
    same("n_bool", lambda: [Id(), Column("b", Boolean, server_default=dflt("true"))], {"postgresql"}),
    same("n_computed", lambda: [Id(), I("a"), Column("c", Integer, Computed("a * 2", persisted=True))]),
    same("n_checks", lambda: [Id(), I("a"), I("b"), CheckConstraint("a > 0", name="ck_n_checks_1"), CheckConstraint("a > 0 AND b < 10", name="ck_n_checks_and"),
                              CheckConstraint("b IN (1, 2, 3)", name="ck_n_checks_in")]),
    same("n_indexes", lambda: [Id(), I("a"), S("v"), Index("ix_n_desc", text("a DESC")), Index("ix_n_unique", "v", unique=True)]),
    same("n_partial", lambda: [Id(), I("a"), S("v"), Index("ix_n_partial", "a", postgresql_where=text("a > 0 AND v IS NOT NULL"), sqlite_where=text("a > 0 AND v IS NOT NULL")),
                               Index("ix_n_expr", text("lower(v)"))], {"sqlite", "postgresql"}),
    same("n_collation", lambda: [Id(), S("v", collation="C")], {"postgresql"}),
    same("n_composite_pk", lambda: [I("a", nullable=False), I("b", nullable=False), PrimaryKeyConstraint("b", "a")]),
    same("n_comment", lambda: [Id(), I("v", comment="it's v")], {"postgresql", "mysql"}),
]


def ForeignKeyConstraint_(cols, name, ondelete, target="f_parent"):
    from sqlalchemy import ForeignKeyConstraint
    return ForeignKeyConstraint(cols, [target + ".id"], name=name, ondelete=ondelete)


def server_url(variable):
    if os.environ.get(variable):
        return os.environ[variable]
    env = os.path.join(os.path.dirname(__file__), "..", "..", ".scratch", "db", "env.sh")
    for line in open(env):
        if line.startswith(f"export {variable}="):
            return line.split("=", 1)[1].strip()
    raise SystemExit(f"{variable} is not set")


def database(dialect):
    """A fresh database: (SQLAlchemy URL, drop function)."""
    if dialect == "sqlite":
        path = os.path.join(tempfile.mkdtemp(prefix="alembic-drift-"), "t.db")
        return f"sqlite:///{path}", lambda: os.remove(path)
    name = "alembic_drift_" + uuid.uuid4().hex[:8]
    url = server_url("RETORT_TEST_PG" if dialect == "postgresql" else "RETORT_TEST_MYSQL")
    m = re.match(r"\w+://([^:]+):([^@]+)@([^:/]+):(\d+)/(\w+)", url)
    user, password, host, port, admin = m.groups()
    scheme = "postgresql+psycopg2" if dialect == "postgresql" else "mysql+pymysql"
    engine = create_engine(f"{scheme}://{user}:{password}@{host}:{port}/{admin}", isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))

    def drop():
        with engine.connect() as c:
            c.execute(text(f"DROP DATABASE {name}" + (" WITH (FORCE)" if dialect == "postgresql" else "")))
    return f"{scheme}://{user}:{password}@{host}:{port}/{name}", drop


def run(dialect):
    cases = [c for c in CASES if dialect in c[3]]
    url, drop = database(dialect)
    try:
        engine = create_engine(url)
        a, b = MetaData(), MetaData()
        for c in cases:
            c[1](a)
            c[2](b)
        a.create_all(engine)
        opts = {"compare_type": True, "compare_server_default": True}
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts=opts)
            false_a = compare_metadata(ctx, a)
            diff_b = compare_metadata(ctx, b)
        def norm(d):
            return re.sub(r" at 0x[0-9a-f]+", "", repr(d))

        def about(case, diffs):
            return {norm(d) for d in diffs if case in repr(d) or (case == "f_action" and "fk_action" in repr(d))}

        false_drift = sorted({norm(d) for d in false_a})
        missed, found = [], []
        for c in cases:
            before, after = about(c[0], false_a), about(c[0], diff_b)
            if len(c) > 4:
                print(f"{dialect:10} {c[0]:20} control: {'clean' if not before else 'FALSE DRIFT ' + ' '.join(before)[:140]}")
                continue
            # A change is detected when comparing with B says something comparing with A did not.
            detected = after != before
            (found if detected else missed).append(c[0])
            print(f"{dialect:10} {c[0]:20} {'detected' if detected else 'MISSED'}" + (f"  {' '.join(after - before)[:140]}" if detected else ""))
        print(f"{dialect}: {len(found)} detected, {len(missed)} missed ({', '.join(missed)}), {len(false_drift)} false drift")
        for f in false_drift:
            print(f"  false drift: {f[:200]}")
    finally:
        engine.dispose()
        drop()


if __name__ == "__main__":
    for d in sys.argv[1:] or ["sqlite", "postgresql", "mysql"]:
        run(d)
