using Npgsql;
using Retort.Ops;
using Retort.Tests.Dialects;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Lint;

/// <summary>
/// The safe DDL forms on a real PostgreSQL, read back from pg_constraint / pg_index: a constraint added NOT VALID
/// leaves existing bad rows alone and is marked not validated; ValidateConstraint then fails on them and succeeds
/// once they are fixed; a unique constraint added concurrently is backed by the index it built.
/// </summary>
public class SafeDdlOperationTests
{
    private static readonly CreateTableOperation Users = new("users",
        [new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false }, new Column("email", SqlType.String(100))]);

    private static readonly CreateTableOperation Orders = new("orders",
        [new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false }, new Column("user_id", SqlType.Integer()), new Column("total", SqlType.Integer())]);

    private static Task<List<string>> Validated(TestDatabase db) =>
        db.QueryAsync("SELECT conname || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c') ORDER BY conname");

    [Fact]
    public async Task Not_valid_constraints_skip_existing_rows_until_validated()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await OperationSpecTests.ApplyAsync(db, Users);
        await OperationSpecTests.ApplyAsync(db, Orders);
        await db.ExecuteAsync("INSERT INTO users VALUES (1, 'a@x.org')", "INSERT INTO orders VALUES (1, 1, 10), (2, 99, -5)");

        var ops = new Operations();
        ops.CreateForeignKey("fk_orders_user", "orders", ["user_id"], "users", ["id"], validate: false);
        ops.CreateCheckConstraint("ck_orders_total", "orders", "total >= 0", validate: false);
        foreach (var op in ops.Recorded) await OperationSpecTests.ApplyAsync(db, op);
        Assert.Equal(["ck_orders_total false", "fk_orders_user false"], await Validated(db));

        // New rows are checked at once; old ones only by VALIDATE, which refuses while they are bad.
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("INSERT INTO orders VALUES (3, 1, -1)"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => OperationSpecTests.ApplyAsync(db, new ValidateConstraintOperation("orders", "fk_orders_user")));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);

        await db.ExecuteAsync("UPDATE orders SET user_id = 1, total = 5 WHERE id = 2");
        await OperationSpecTests.ApplyAsync(db, new ValidateConstraintOperation("orders", "fk_orders_user"));
        await OperationSpecTests.ApplyAsync(db, new ValidateConstraintOperation("orders", "ck_orders_total"));
        Assert.Equal(["ck_orders_total true", "fk_orders_user true"], await Validated(db));

        // The downgrade order (validate again, then drop) leaves no constraint behind.
        foreach (var op in ops.Recorded.Reverse().Select(o => o.Reverse())) await OperationSpecTests.ApplyAsync(db, op);
        Assert.Empty(await Validated(db));
    }

    [Fact]
    public async Task A_unique_constraint_added_concurrently_uses_the_index_it_built()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await OperationSpecTests.ApplyAsync(db, Users);
        var add = new CreateUniqueConstraintOperation("uq_users_email", "users", ["email"]) { Concurrently = true };
        await OperationSpecTests.ApplyAsync(db, add);

        Assert.Equal(["uq_users_email u uq_users_email true true"], await db.QueryAsync(
            "SELECT c.conname || ' ' || c.contype::text || ' ' || i.relname || ' ' || x.indisunique || ' ' || x.indisvalid "
            + "FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid JOIN pg_index x ON x.indexrelid = i.oid WHERE c.conrelid = 'users'::regclass AND c.contype = 'u'"));

        await OperationSpecTests.ApplyAsync(db, add.Reverse());
        Assert.Empty(await db.QueryAsync("SELECT indexrelid FROM pg_index WHERE indrelid = 'users'::regclass AND NOT indisprimary"));
    }
}
