using Retort.Autogenerate;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
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
    public async Task Strict_and_without_rowid_are_changed_on_an_existing_table_by_a_rebuild_that_keeps_the_rest()
    {
        const string Orders = "CREATE TABLE orders (code TEXT NOT NULL, customer_code TEXT REFERENCES customers (code), amount INT NOT NULL, "
                              + "CONSTRAINT pk_orders PRIMARY KEY (code), CONSTRAINT ck_amount CHECK (amount > 0))";
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync(Customers, Orders, "CREATE INDEX ix_orders_customer ON orders (customer_code DESC)",
            "INSERT INTO customers VALUES ('c1', 'Ann')", "INSERT INTO orders VALUES ('o1', 'c1', 5)");

        // What check finds for a model asking for both options, applied as the migration runner would.
        TableSchema live;
        await using (var c = await db.OpenAsync())
            live = (await db.Dialect.Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions())).Tables.Single(t => t.Name == "orders");
        var wanted = new Dictionary<string, string> { ["sqlite.strict"] = "true", ["sqlite.without_rowid"] = "true" };
        var diff = new SchemaComparer(db.Dialect.Provider).Compare(new DatabaseSchema([live with { ProviderOptions = wanted }]), new DatabaseSchema([live])).Single();
        Assert.Equal("modify table options orders: sqlite.strict, sqlite.without_rowid", diff.Description);
        await ApplyInTransactionAsync(db, (TableOperation)diff.Upgrade);

        await using var expected = await TestDatabase.CreateAsync("sqlite");
        await expected.ExecuteAsync(Customers, Orders + " WITHOUT ROWID, STRICT", "CREATE INDEX ix_orders_customer ON orders (customer_code DESC)");
        Assert.Empty(CatalogSnapshot.Compare(await SnapshotAsync(expected), await SnapshotAsync(db)));
        Assert.Equal(["o1|c1|5"], await db.QueryAsync("SELECT * FROM orders"));
        var strict = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteAsync("INSERT INTO orders VALUES ('o2', 'c1', 'many')"));
        Assert.Contains("cannot store TEXT value in INT column orders.amount", strict.Message);

        // The Downgrade (the operation reversed) turns both off again.
        await ApplyInTransactionAsync(db, (TableOperation)diff.Upgrade.Reverse());
        await using var original = await TestDatabase.CreateAsync("sqlite");
        await original.ExecuteAsync(Customers, Orders, "CREATE INDEX ix_orders_customer ON orders (customer_code DESC)");
        Assert.Empty(CatalogSnapshot.Compare(await SnapshotAsync(original), await SnapshotAsync(db)));
        Assert.Equal(["o1|c1|5"], await db.QueryAsync("SELECT * FROM orders"));
    }

    [Fact]
    public async Task Changing_table_options_offline_needs_the_table_definition()
    {
        var e = Assert.Throws<RetortException>(() => DatabaseProviders.Get("sqlite").Dialect.Generate(
            new SetTableOptionsOperation("orders", new Dictionary<string, string> { ["sqlite.strict"] = "true" })));
        Assert.StartsWith("SQLite cannot make this change to table orders with ALTER TABLE", e.Message);
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
