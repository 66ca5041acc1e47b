using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Schemas;

/// <summary>
/// Several schemas (Alembic's include_schemas) read from a real PostgreSQL database: tables, keys across schemas,
/// types and sequences carry their schema; the default schema's carry none; the query count stays fixed.
/// </summary>
public class MultiSchemaReflectionTests
{
    private static readonly string[] Setup =
    [
        "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL)",
        "CREATE SCHEMA ordering",
        "CREATE TYPE ordering.status AS ENUM ('new', 'paid')",
        "CREATE SEQUENCE ordering.orderseq INCREMENT BY 10",
        "CREATE TABLE ordering.buyers (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id))",
        "CREATE TABLE ordering.orders (id integer PRIMARY KEY, buyer_id integer NOT NULL REFERENCES ordering.buyers (id), status ordering.status NOT NULL)",
        "CREATE INDEX ix_orders_buyer ON ordering.orders (buyer_id)",
        // Same table name in both schemas: each keeps its own columns.
        "CREATE TABLE orders (id integer PRIMARY KEY, note text)",
        "CREATE SCHEMA unlisted",
        "CREATE TABLE unlisted.hidden (id integer PRIMARY KEY)",
    ];

    private static async Task<(DatabaseSchema Schema, int Queries)> ReflectAsync(TestDatabase db, params string[] schemas)
    {
        var reflector = DatabaseProviders.Get("postgresql").CreateReflector()!;
        await using var c = await db.OpenAsync();
        var live = await reflector.ReflectAsync(c, new ReflectOptions { Schemas = schemas });
        return (live, reflector.QueryCount);
    }

    [Fact]
    public async Task Listed_schemas_are_read_with_their_names_and_the_default_schema_without()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync(Setup);

        var (one, oneQueries) = await ReflectAsync(db);
        var (both, bothQueries) = await ReflectAsync(db, "public", "ordering");

        Assert.Equal(["customers", "orders"], one.Tables.Select(t => t.Name).Order());
        Assert.All(one.Tables, t => Assert.Null(t.Schema));
        Assert.Equal(oneQueries, bothQueries);

        Assert.Equal(["ordering.buyers", "ordering.orders", "public.customers", "public.orders"],
            both.Tables.Select(t => $"{t.Schema ?? "public"}.{t.Name}").Order());
        Assert.Equal(["ordering"], both.Schemas);
        Assert.Equal("public", both.DefaultSchema);
        var orders = both.Find("orders", "ordering")!;
        Assert.Equal(["id", "buyer_id", "status"], orders.Columns.Select(c => c.Name));
        Assert.Equal(["id", "note"], both.Tables.Single(t => t is { Name: "orders", Schema: null }).Columns.Select(c => c.Name));
        Assert.Equal("ordering", orders.ForeignKeys.Single().ReferencedSchema);
        Assert.Equal(SqlType.Named("status", "ordering"), orders.Columns[2].Type);
        Assert.Equal(["ix_orders_buyer"], orders.Indexes.Select(i => i.Name));
        Assert.Null(both.Find("buyers", "ordering")!.ForeignKeys.Single().ReferencedSchema);
        Assert.Equal("ordering", Assert.Single(both.Types).Schema);
        Assert.Equal("ordering", Assert.Single(both.Sequences).Schema);
        Assert.DoesNotContain(both.Tables, t => t.Name == "hidden");
    }

    [Fact]
    public async Task A_model_across_two_schemas_compares_clean_and_a_missing_schema_is_created_first()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync(Setup);
        var provider = DatabaseProviders.Get("postgresql");
        var (live, _) = await ReflectAsync(db, "ordering", "sales");

        // The live schema as a model is clean against itself; add a table in a schema that does not exist yet.
        Assert.Empty(new SchemaComparer(provider).Compare(live, live));
        var model = live with
        {
            Tables = [.. live.Tables, new TableSchema("invoices")
            {
                Schema = "sales",
                Columns = [new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false }],
                PrimaryKey = new PrimaryKey("id"),
            }],
        };
        var diffs = new SchemaComparer(provider).Compare(model, live);
        Assert.Equal(["add schema sales", "add table invoices"], diffs.Select(d => d.Description));

        await using (var c = await db.OpenAsync())
            foreach (var statement in diffs.SelectMany(d => provider.Dialect.Generate(d.Upgrade)))
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = statement.Sql;
                await cmd.ExecuteNonQueryAsync();
            }
        var (after, _) = await ReflectAsync(db, "ordering", "sales");
        Assert.Equal(["ordering", "sales"], after.Schemas);
        Assert.Empty(new SchemaComparer(provider).Compare(model, after));
        Assert.Equal(["sales"], await db.QueryAsync("SELECT table_schema FROM information_schema.tables WHERE table_name = 'invoices'"));
    }
}
