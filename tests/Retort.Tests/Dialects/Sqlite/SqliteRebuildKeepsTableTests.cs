using Retort.Configuration;
using Retort.Dialects;
using Retort.Ops;
using Retort.Tests.Fidelity;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects.Sqlite;

/// <summary>
/// The SQLite table rebuild keeps everything it does not change: every foreign key (also one whose referenced column
/// shares a dropped column's name), checks, indexes, STRICT/WITHOUT ROWID and constraint names. The result is read back
/// with the independent catalog reference and compared with the same table created directly.
/// </summary>
public class SqliteRebuildKeepsTableTests
{
    private const string Customers = "CREATE TABLE customers (code TEXT PRIMARY KEY, name TEXT NOT NULL)";

    /// <summary>Runs the rebuild the way the migration runner does: inside one transaction.</summary>
    private static async Task ApplyInTransactionAsync(TestDatabase db, params TableOperation[] operations)
    {
        // Opened as Retort opens it (the provider's connection string leaves foreign keys unenforced).
        await using var c = db.Dialect.CreateConnection(DatabaseUrl.Parse(db.Url, null, "/").ConnectionString);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        foreach (var op in operations)
            foreach (var statement in await db.Dialect.GenerateAsync(op, c, tx, CancellationToken.None))
            {
                await using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = statement.Sql;
                await cmd.ExecuteNonQueryAsync();
            }
        await tx.CommitAsync();
    }

    private static async Task<CatalogSnapshot> SnapshotAsync(TestDatabase db)
    {
        await using var c = await db.OpenAsync();
        return await CatalogSnapshot.ReadAsync("sqlite", c);
    }

    [Fact]
    public async Task Drop_column_then_alter_column_keeps_the_table_level_foreign_key_checks_indexes_and_options()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(Customers,
            """
            CREATE TABLE orders (id INTEGER PRIMARY KEY, code TEXT, customer_code TEXT, amount INT,
                CONSTRAINT ck_orders_amount CHECK (amount > 0),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_code) REFERENCES customers (code) ON DELETE CASCADE) STRICT
            """,
            "CREATE INDEX ix_orders_customer ON orders (customer_code DESC)",
            "INSERT INTO customers VALUES ('c1', 'Ann')",
            "INSERT INTO orders VALUES (1, 'x', 'c1', 5)");

        await ApplyInTransactionAsync(db, new DropColumnOperation("orders", "code"),
            new AlterColumnOperation("orders", "amount") { Nullable = false });

        await using var expected = await TestDatabase.CreateAsync("sqlite");
        await expected.ExecuteAsync(Customers,
            """
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_code TEXT, amount INT NOT NULL,
                CONSTRAINT ck_orders_amount CHECK (amount > 0),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_code) REFERENCES customers (code) ON DELETE CASCADE) STRICT
            """,
            "CREATE INDEX ix_orders_customer ON orders (customer_code DESC)");
        Assert.Empty(CatalogSnapshot.Compare(await SnapshotAsync(expected), await SnapshotAsync(db)));
        Assert.Equal(["customers|customer_code|code|CASCADE"],
            await db.QueryAsync("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('orders')"));
        Assert.Equal(["1|c1|5"], await db.QueryAsync("SELECT * FROM orders"));
    }

    [Fact]
    public async Task Without_rowid_and_a_named_primary_key_survive_a_rebuild()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync("CREATE TABLE tags (a TEXT NOT NULL, b TEXT NOT NULL, note TEXT, CONSTRAINT pk_tags PRIMARY KEY (b, a)) WITHOUT ROWID",
            "INSERT INTO tags VALUES ('1', '2', NULL)");
        await ApplyInTransactionAsync(db, new AlterColumnOperation("tags", "note") { ServerDefault = "'n'", ChangeServerDefault = true });

        await using var expected = await TestDatabase.CreateAsync("sqlite");
        await expected.ExecuteAsync("CREATE TABLE tags (a TEXT NOT NULL, b TEXT NOT NULL, note TEXT DEFAULT 'n', CONSTRAINT pk_tags PRIMARY KEY (b, a)) WITHOUT ROWID");
        Assert.Empty(CatalogSnapshot.Compare(await SnapshotAsync(expected), await SnapshotAsync(db)));
    }

    [Fact]
    public async Task Rebuilding_a_parent_table_does_not_fire_on_delete_cascade_in_its_children()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(Customers,
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_code TEXT REFERENCES customers (code) ON DELETE CASCADE)",
            "INSERT INTO customers VALUES ('c1', 'Ann')",
            "INSERT INTO orders VALUES (1, 'c1'), (2, 'c1')");

        await ApplyInTransactionAsync(db, new AlterColumnOperation("customers", "name") { Nullable = true });

        Assert.Equal(["2"], await db.QueryAsync("SELECT COUNT(*) FROM orders"));
        Assert.Equal(["yes"], await db.QueryAsync("SELECT CASE WHEN \"notnull\" = 0 THEN 'yes' END FROM pragma_table_info('customers') WHERE name = 'name'"));
    }

    [Fact]
    public async Task A_rebuild_that_leaves_foreign_key_violations_fails_with_a_clear_message_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(Customers,
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_code TEXT, note TEXT)",
            "INSERT INTO customers VALUES ('c1', 'Ann')",
            "INSERT INTO orders VALUES (1, 'c1', NULL), (2, 'nobody', NULL)");
        var before = await SnapshotAsync(db);

        var fk = new CreateForeignKeyOperation("fk_orders_customer", "orders", new ForeignKey(["customer_code"], "customers", ["code"]));
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ApplyInTransactionAsync(db, fk));

        Assert.Contains("foreign key violations after rebuilding SQLite table orders", error.Message);
        Assert.Empty(CatalogSnapshot.Compare(before, await SnapshotAsync(db)));
    }

    [Fact]
    public async Task Inside_a_transaction_with_enforced_foreign_keys_a_rebuild_is_refused_before_any_change()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(Customers);
        await using var c = await db.OpenAsync(); // Microsoft.Data.Sqlite's default: foreign keys enforced
        await using var tx = await c.BeginTransactionAsync();
        var e = await Assert.ThrowsAsync<RetortException>(async () =>
            await db.Dialect.GenerateAsync(new AlterColumnOperation("customers", "name") { Nullable = true }, c, tx, CancellationToken.None));
        Assert.StartsWith("Cannot rebuild SQLite table customers while foreign keys are enforced", e.Message);
    }
}
