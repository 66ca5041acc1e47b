#!/usr/bin/python3
"""Writes the peers workload: N revisions/migrations/scripts, each CREATE TABLE tN (id INTEGER PRIMARY KEY, v TEXT)
up and DROP TABLE tN down, for EF Core (typed MigrationBuilder), FluentMigrator (typed Create.Table), DbUp (plain
SQL, made in Program.cs) and Retort (typed op.CreateTable, a migrations folder + retort.toml)."""
import os
import sys

n, out, retort_dir = int(sys.argv[1]), sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "EfMigrations.g.cs"), "w") as f:
    f.write("using Microsoft.EntityFrameworkCore.Infrastructure;\nusing Microsoft.EntityFrameworkCore.Migrations;\n"
            "namespace Peers.Ef;\n")
    for i in range(1, n + 1):
        f.write(f'[DbContext(typeof(BenchContext))][Migration("{20260101000000 + i}_M{i}")]\n'
                f'public sealed class M{i} : Migration {{\n'
                f'  protected override void Up(MigrationBuilder b) => b.CreateTable(name: "t{i}", columns: t => new {{ '
                f'id = t.Column<long>(type: "INTEGER", nullable: false), v = t.Column<string>(type: "TEXT", nullable: true) }}, '
                f'constraints: t => t.PrimaryKey("PK_t{i}", x => x.id));\n'
                f'  protected override void Down(MigrationBuilder b) => b.DropTable(name: "t{i}");\n}}\n')
with open(os.path.join(out, "FmMigrations.g.cs"), "w") as f:
    f.write("using FluentMigrator;\nnamespace Peers.Fm;\n")
    for i in range(1, n + 1):
        f.write(f'[Migration({i})]\npublic sealed class F{i} : Migration {{\n'
                f'  public override void Up() => Create.Table("t{i}").WithColumn("id").AsInt64().PrimaryKey()'
                f'.WithColumn("v").AsString().Nullable();\n'
                f'  public override void Down() => Delete.Table("t{i}");\n}}\n')
versions = os.path.join(retort_dir, "migrations", "versions")
os.makedirs(versions, exist_ok=True)
with open(os.path.join(retort_dir, "retort.toml"), "w") as f:
    f.write('[retort]\nscript_location = "migrations"\nurl = "sqlite:///bench.db"\n')
for i in range(1, n + 1):
    down = f', DownRevision = "{i - 1:012d}"' if i > 1 else ""
    with open(os.path.join(versions, f"{i:012d}_t{i}.cs"), "w") as f:
        f.write(f'using Retort;\n\n[Revision("{i:012d}"{down}, Message = "t{i}")]\n'
                f'public sealed class T{i} : Migration\n{{\n'
                f'    public override void Upgrade(Operations op) => op.CreateTable("t{i}", '
                f'new Column("id", SqlType.Integer()) {{ PrimaryKey = true }}, new Column("v", SqlType.Text()));\n\n'
                f'    public override void Downgrade(Operations op) => op.DropTable("t{i}");\n}}\n')
