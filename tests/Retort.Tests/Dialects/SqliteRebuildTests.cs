using Retort.Dialects;
using Retort.Ops;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects;

/// <summary>SQLite's table rebuild keeps rows, indexes, foreign keys and checks.</summary>
public class SqliteRebuildTests
{
    private static async Task<TestDatabase> SeededAsync()
    {
        var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)",
            """CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, note VARCHAR(10) DEFAULT 'n/a', total NUMERIC(10, 2), legacy TEXT, CONSTRAINT ck_orders_total CHECK (total >= 0), CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)""",
            "CREATE INDEX ix_orders_user ON orders (user_id)",
            "CREATE UNIQUE INDEX ix_orders_note ON orders (note, user_id)",
            "CREATE INDEX ix_orders_legacy ON orders (legacy)",
            "INSERT INTO users (id, name) VALUES (1, 'ann'), (2, 'bob')");
        var values = string.Join(", ", Enumerable.Range(1, 300).Select(i => $"({i}, {1 + i % 2}, 'n{i}', {i}.5, 'old')"));
        await db.ExecuteAsync($"INSERT INTO orders (id, user_id, note, total, legacy) VALUES {values}");
        return db;
    }

    [Fact]
    public async Task Alter_column_and_drop_column_keep_rows_indexes_foreign_keys_and_checks()
    {
        await using var db = await SeededAsync();
        var rowsBefore = await db.QueryAsync("SELECT id, user_id, note, total FROM orders ORDER BY id");

        await OperationSpecTests.ApplyAsync(db, new AlterColumnOperation("orders", "note") { Type = SqlType.String(50), Nullable = false });
        await OperationSpecTests.ApplyAsync(db, new DropColumnOperation("orders", "legacy"));

        Assert.Equal(rowsBefore, await db.QueryAsync("SELECT id, user_id, note, total FROM orders ORDER BY id"));
        var table = await CatalogReader.DescribeAsync(db, "orders");
        Assert.Contains("column note varchar(50) not null default 'n/a'", table);
        Assert.DoesNotContain(table, l => l.Contains("legacy"));
        Assert.Contains("index ix_orders_user (user_id)", table);
        Assert.Contains("index ix_orders_note (note, user_id) unique", table);
        Assert.Contains("fk (user_id) -> users (id) cascade", table);
        Assert.Contains("constraint ck_orders_total check", table);
        Assert.Contains("column id integer not null pk", table);
        // The check and the foreign key still act.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteAsync("INSERT INTO orders (user_id, note, total) VALUES (1, 'x', -1)"));
        await db.ExecuteAsync("PRAGMA foreign_keys = ON; DELETE FROM users WHERE id = 1");
        Assert.Equal(["150"], await db.QueryAsync("SELECT COUNT(*) FROM orders"));
        // AUTOINCREMENT survives: new ids continue after the highest.
        await db.ExecuteAsync("INSERT INTO orders (user_id, note, total) VALUES (2, 'new', 1)");
        Assert.Equal(["301"], await db.QueryAsync("SELECT MAX(id) FROM orders"));
    }

    [Fact]
    public async Task A_batch_does_all_changes_in_one_rebuild()
    {
        await using var db = await SeededAsync();
        var batch = new BatchAlterTableOperation("orders",
        [
            new AlterColumnOperation("orders", "note") { NewName = "remark" },
            new AddColumnOperation("orders", new Column("paid", SqlType.Boolean()) { ServerDefault = "0", Nullable = false }),
            new DropColumnOperation("orders", "legacy"),
            new CreateCheckConstraintOperation("ck_orders_paid", "orders", "paid IN (0, 1)"),
        ]);
        await using (var c = await db.OpenAsync())
        {
            var statements = await db.Dialect.GenerateAsync(batch, c, null, CancellationToken.None);
            Assert.Single(statements, s => s.Sql.StartsWith("CREATE TABLE \"_retort_tmp_orders\""));
        }
        await OperationSpecTests.ApplyAsync(db, batch);
        var table = await CatalogReader.DescribeAsync(db, "orders");
        Assert.Contains("column remark varchar(10) null default 'n/a'", table);
        Assert.Contains("column paid boolean not null default 0", table);
        Assert.Contains("index ix_orders_note (remark, user_id) unique", table);
        Assert.Contains("constraint ck_orders_paid check", table);
        Assert.Equal(["300|n17|0"], await db.QueryAsync("SELECT COUNT(*), (SELECT remark FROM orders WHERE id = 17), SUM(paid) FROM orders"));
    }

    [Fact]
    public void Offline_a_batch_rebuilds_from_the_given_table_definition_and_refuses_without_one()
    {
        var dialect = DatabaseProviders.Get("sqlite").Dialect;
        var copyFrom = new CreateTableOperation("t", [new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("a", SqlType.String(5))]);
        var sql = dialect.Generate(new BatchAlterTableOperation("t", [new AlterColumnOperation("t", "a") { Nullable = false }]) { CopyFrom = copyFrom })
            .Select(s => s.Sql).ToList();
        Assert.Equal(
        [
            "CREATE TABLE \"_retort_tmp_t\" (\n    \"id\" INTEGER NOT NULL,\n    \"a\" VARCHAR(5) NOT NULL,\n    CONSTRAINT \"pk_t\" PRIMARY KEY (\"id\")\n)",
            "INSERT INTO \"_retort_tmp_t\" (\"id\", \"a\") SELECT \"id\", \"a\" FROM \"t\"",
            "DROP TABLE \"t\"",
            "ALTER TABLE \"_retort_tmp_t\" RENAME TO \"t\"",
        ], sql);
        var e = Assert.Throws<RetortException>(() => dialect.Generate(new AlterColumnOperation("t", "a") { Nullable = false }));
        Assert.StartsWith("SQLite cannot make this change to table t with ALTER TABLE; Retort rebuilds the table", e.Message);
    }
}
