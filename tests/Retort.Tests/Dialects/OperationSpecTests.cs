using Retort.Ops;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects;

/// <summary>
/// Every operation on every live dialect: apply its SQL to a real database, read the table back from the catalog
/// and check it; then apply its inverse (<see cref="MigrationOperation.Reverse"/>) and check the schema is exactly as before.
/// </summary>
public class OperationSpecTests
{
    private static readonly Column Id = new("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false };

    private static CreateTableOperation Users => new("users",
    [
        Id,
        new Column("name", SqlType.String(50)) { Nullable = false },
        new Column("email", SqlType.String(100)),
    ]);

    private static CreateTableOperation Orders(params ForeignKey[] fks) => new("orders",
        [Id, new Column("user_id", SqlType.Integer()), new Column("total", SqlType.Decimal(10, 2))]) { ForeignKeys = fks };

    /// <summary>One operation; its inverse is always <c>Forward.Reverse()</c>, the rule autogenerate's Downgrade uses.</summary>
    private sealed record Case(string Name, MigrationOperation[] Setup, MigrationOperation Forward,
        string Table, string[] Expect, string[]? Gone = null, string[]? Dialects = null);

    private static readonly Case[] Cases =
    [
        new("create_table", [Users], new CreateTableOperation("orders",
            [
                Id,
                new Column("user_id", SqlType.Integer()) { Nullable = false },
                new Column("status", SqlType.String(20)) { ServerDefault = "'new'", Nullable = false },
                new Column("total", SqlType.Decimal(10, 2)),
            ])
            {
                ForeignKeys = [new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.Cascade }],
                UniqueConstraints = [new UniqueConstraint("user_id", "status")],
                CheckConstraints = [new CheckConstraint("total >= 0") { Name = "ck_orders_total" }],
            },
            "orders",
            ["column status", "constraint fk_orders_user_id_users foreign key", "constraint uq_orders_user_id_status unique", "constraint ck_orders_total check"]),
        new("rename_table", [Users], new RenameTableOperation("users", "people"), "people", ["column name"]),
        new("add_column", [Users], new AddColumnOperation("users", new Column("phone", SqlType.String(20)) { ServerDefault = "'none'", Nullable = false }),
            "users", ["column phone"]),
        new("drop_column", [Users], new DropColumnOperation("users", "email") { Existing = new Column("email", SqlType.String(100)) },
            "users", ["column name"], Gone: ["column email"]),
        new("alter_column_type", [Users],
            new AlterColumnOperation("users", "name") { Type = SqlType.String(200), ExistingType = SqlType.String(50), ExistingNullable = false }, "users", ["(200)"]),
        new("alter_column_nullable", [Users],
            new AlterColumnOperation("users", "email") { Nullable = false, ExistingNullable = true, ExistingType = SqlType.String(100) }, "users", ["column email varchar(100) not null|column email character varying(100) not null"]),
        new("alter_column_default", [Users],
            new AlterColumnOperation("users", "email") { ChangeServerDefault = true, ServerDefault = "'nobody'", ExistingType = SqlType.String(100) }, "users", ["nobody"]),
        new("alter_column_rename", [Users],
            new AlterColumnOperation("users", "email") { NewName = "mail", ExistingType = SqlType.String(100) }, "users", ["column mail"], Gone: ["column email"]),
        new("create_index", [Users], new CreateIndexOperation("ix_users_name", "users", ["name", "email"]),
            "users", ["index ix_users_name (name, email)"]),
        new("create_unique_index", [Users], new CreateIndexOperation("ix_users_email", "users", ["email"]) { Unique = true },
            "users", ["index ix_users_email (email) unique"]),
        new("partial_index", [Users], new CreateIndexOperation("ix_users_active", "users", ["name"]) { Where = "email IS NOT NULL" },
            "users", ["index ix_users_active (name) partial"], Dialects: ["sqlite", "postgresql"]),
        new("index_concurrently", [Users], new CreateIndexOperation("ix_users_c", "users", ["name"]) { Concurrently = true },
            "users", ["index ix_users_c (name)"], Dialects: ["postgresql"]),
        new("unique_constraint", [Users], new CreateUniqueConstraintOperation("uq_users_email", "users", ["email"]),
            "users", ["constraint uq_users_email unique"]),
        new("foreign_key", [Users, Orders()],
            new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.SetNull }),
            "orders", ["constraint fk_orders_user foreign key"]),
        new("foreign_key_not_valid", [Users, Orders()],
            new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { NotValid = true }),
            "orders", ["constraint fk_orders_user foreign key"]),
        new("check_constraint_not_valid", [Users, Orders()], new CreateCheckConstraintOperation("ck_orders_positive", "orders", "total > 0") { NotValid = true },
            "orders", ["constraint ck_orders_positive check"]),
        new("unique_constraint_concurrently", [Users], new CreateUniqueConstraintOperation("uq_users_email", "users", ["email"]) { Concurrently = true },
            "users", ["constraint uq_users_email unique"]),
        new("check_constraint", [Users, Orders()], new CreateCheckConstraintOperation("ck_orders_positive", "orders", "total > 0"),
            "orders", ["constraint ck_orders_positive check"]),
        new("primary_key", [new CreateTableOperation("tags", [new Column("tag", SqlType.String(30)) { Nullable = false }, new Column("note", SqlType.Text())])],
            new CreatePrimaryKeyOperation("pk_tags", "tags", ["tag"]), "tags",
            ["primary key"], Dialects: ["sqlite", "postgresql"]),
        new("table_comment", [Users], new TableCommentOperation("users", "people who log in"), "users",
            ["comment people who log in"], Dialects: ["postgresql", "mysql"]),
        new("column_comment", [Users], new AlterColumnOperation("users", "email") { ChangeComment = true, Comment = "where we write", ExistingType = SqlType.String(100) },
            "users",
            ["where we write"], Dialects: ["postgresql", "mysql"]),
    ];

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var dialect in TestDatabase.All)
            foreach (var c in Cases.Where(c => c.Dialects is null || c.Dialects.Contains(dialect)))
                data.Add(dialect, c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Operation_applies_and_its_inverse_restores_the_schema(string dialect, string name)
    {
        var c = Cases.Single(x => x.Name == name);
        await using var db = await TestDatabase.CreateAsync(dialect);
        foreach (var op in c.Setup) await ApplyAsync(db, op);
        var before = await CatalogReader.SnapshotAsync(db);

        await ApplyAsync(db, c.Forward);
        var after = string.Join("\n", await CatalogReader.DescribeAsync(db, c.Table));
        // Each expectation must appear; "a|b" accepts either spelling (catalogs name types differently).
        foreach (var expected in c.Expect)
            Assert.True(expected.Split('|').Any(e => after.Contains(e, StringComparison.OrdinalIgnoreCase)), $"{dialect} {name}: expected '{expected}' in\n{after}");
        foreach (var gone in c.Gone ?? []) Assert.DoesNotContain(gone + " ", after + " ");

        await ApplyAsync(db, c.Forward.Reverse());
        Assert.Equal(before, await CatalogReader.SnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Bulk_insert_and_parameterised_execute_write_rows(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await ApplyAsync(db, Users);
        var rows = Enumerable.Range(1, 450).Select(i => (IReadOnlyList<object?>)[i, $"user {i}", i % 2 == 0 ? null : $"u{i}@x.org"]).ToList();
        await ApplyAsync(db, new BulkInsertOperation("users", ["id", "name", "email"], rows));
        await ApplyAsync(db, new ExecuteSqlOperation("UPDATE users SET email = ? WHERE id = ?", ["o'brien@x.org", 2]));
        Assert.Equal(["450|225"], await db.QueryAsync("SELECT COUNT(*), COUNT(email) - 1 FROM users"));
        Assert.Equal(["o'brien@x.org"], await db.QueryAsync("SELECT email FROM users WHERE id = 2"));
    }

    public static TheoryData<string> Dialects() => new(TestDatabase.All);

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Seed_rows_are_inserted_updated_and_deleted_by_key_and_each_change_reverses(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await ApplyAsync(db, Users);
        var insert = new InsertDataOperation("users", ["id", "name", "email"], [[1, "Ann", "ann@x.org"], [2, "O'Brien", null]]) { KeyColumns = ["id"] };
        var update = new UpdateDataOperation("users", ["id"], [2], ["name", "email"], ["Bob", "bob@x.org"]) { ExistingValues = ["O'Brien", null] };
        await ApplyAsync(db, insert);
        await ApplyAsync(db, update);
        Assert.Equal(["1|Ann|ann@x.org", "2|Bob|bob@x.org"], await db.QueryAsync("SELECT id, name, email FROM users ORDER BY id"));
        await ApplyAsync(db, update.Reverse());
        Assert.Equal(["1|Ann|ann@x.org", "2|O'Brien|NULL"], await db.QueryAsync("SELECT id, name, email FROM users ORDER BY id"));
        await ApplyAsync(db, insert.Reverse());
        Assert.Empty(await db.QueryAsync("SELECT id FROM users"));
        await ApplyAsync(db, insert.Reverse().Reverse());
        Assert.Equal(["1|Ann", "2|O'Brien"], await db.QueryAsync("SELECT id, name FROM users ORDER BY id"));
    }

    [Fact]
    public async Task Schemas_are_created_and_dropped_on_postgresql()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await ApplyAsync(db, new CreateSchemaOperation("audit"));
        await ApplyAsync(db, Users with { Schema = "audit" });
        Assert.Equal(["audit.users"], await db.QueryAsync("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema = 'audit'"));
        await ApplyAsync(db, new DropTableOperation("users") { Schema = "audit" });
        await ApplyAsync(db, new DropSchemaOperation("audit"));
        Assert.Empty(await db.QueryAsync("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'audit'"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Enum_columns_accept_only_their_values(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await ApplyAsync(db, new CreateTableOperation("tickets", [Id, new Column("state", SqlType.Enum("ticket_state", "open", "closed")) { Nullable = false }]));
        await db.ExecuteAsync("INSERT INTO tickets (state) VALUES ('open')");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteAsync(
            dialect == "mysql" ? "SET SESSION sql_mode = 'STRICT_ALL_TABLES'; INSERT INTO tickets (state) VALUES ('lost')" : "INSERT INTO tickets (state) VALUES ('lost')"));
    }

    internal static async Task ApplyAsync(TestDatabase db, MigrationOperation op)
    {
        await using var c = await db.OpenAsync();
        foreach (var statement in await db.Dialect.GenerateAsync(op, c, null, CancellationToken.None))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = statement.Sql;
            for (var i = 0; i < statement.Parameters.Count; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@p" + i;
                p.Value = statement.Parameters[i] ?? DBNull.Value;
                cmd.Parameters.Add(p);
            }
            if (statement.Parameters.Count > 0)
            {
                var index = 0;
                cmd.CommandText = System.Text.RegularExpressions.Regex.Replace(statement.Sql, @"\?", _ => "@p" + index++);
            }
            await cmd.ExecuteNonQueryAsync();
        }
    }

}
