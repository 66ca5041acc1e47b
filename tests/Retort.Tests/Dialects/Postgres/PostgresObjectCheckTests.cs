using Npgsql;
using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Postgres;

/// <summary>
/// check on a whole real schema (pagila as upstream ships it) on the real server: nothing to report right after a
/// round trip; a changed view body, routine body, trigger and partition bound each reported, and the generated
/// operations put the database back (the independent catalog snapshot says so); a column type change under views
/// drops and recreates them, both ways.
/// </summary>
public class PostgresObjectCheckTests
{
    private static readonly DatabaseProvider Provider = DatabaseProviders.Get("postgresql");

    private static async Task<DatabaseSchema> ReflectAsync(FidelityDatabase db)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        return await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
    }

    /// <summary>What check does: the model in the server's printed form, compared with the live schema.</summary>
    private static async Task<IReadOnlyList<SchemaDiff>> CheckAsync(FidelityDatabase db, DatabaseSchema model)
    {
        var live = await ReflectAsync(db);
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        return new SchemaComparer(Provider).Compare(await Provider.CreateReflector()!.ServerFormAsync(model, c), live);
    }

    private static async Task ExecuteAsync(FidelityDatabase db, string sql)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs operations as a revision would: their SQL from the dialect, in one transaction.</summary>
    private static async Task ApplyAsync(FidelityDatabase db, IEnumerable<MigrationOperation> operations)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        foreach (var statement in operations.SelectMany(o => Provider.Dialect.Generate(o)))
        {
            await using var cmd = new NpgsqlCommand(statement.Sql, c, tx);
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static async Task<FidelityDatabase> PagilaAsync()
    {
        var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.LoadAsync(SampleSchemas.WholeFile("postgresql", "pagila"));
        return db;
    }

    [Theory]
    [InlineData("pagila")]
    [InlineData("icingadb")]
    public async Task Nothing_to_report_after_a_round_trip(string schema)
    {
        await using var a = await FidelityDatabase.CreateAsync("postgresql");
        await a.LoadAsync(SampleSchemas.WholeFile("postgresql", schema));
        await using var b = await FidelityDatabase.CreateAsync("postgresql");
        var model = await ReflectAsync(a);

        // The Downgrade of "empty model vs A", applied to an empty B, then check B against A's schema.
        var dropAll = new SchemaComparer(Provider).Compare(new DatabaseSchema([]), model);
        await ApplyAsync(b, Enumerable.Reverse(dropAll).Select(d => d.Downgrade));
        var diffs = new SchemaComparer(Provider).Compare(model, await ReflectAsync(b));
        Assert.True(diffs.Count == 0, string.Join("\n", diffs.Select(d => d.Description)));
        CatalogAssert.Same(await a.SnapshotAsync(), await b.SnapshotAsync());
    }

    [Fact]
    public async Task Changed_view_routine_trigger_and_partition_bound_are_reported_and_put_back()
    {
        await using var db = await PagilaAsync();
        var model = await ReflectAsync(db);
        var before = await db.SnapshotAsync();
        Assert.Empty(new SchemaComparer(Provider).Compare(model, await ReflectAsync(db)));

        await ExecuteAsync(db, """
            DROP VIEW staff_list;
            CREATE VIEW staff_list AS SELECT s.staff_id AS id FROM staff s;
            CREATE OR REPLACE FUNCTION last_day(timestamp with time zone) RETURNS date LANGUAGE sql AS $$ SELECT CURRENT_DATE $$;
            DROP TRIGGER last_updated ON actor;
            CREATE TRIGGER last_updated BEFORE INSERT OR UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
            ALTER TABLE payment DETACH PARTITION payment_p2022_07;
            ALTER TABLE payment ATTACH PARTITION payment_p2022_07 FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-09-01 00:00:00+00');
            """);
        var diffs = new SchemaComparer(Provider).Compare(model, await ReflectAsync(db));
        Assert.Equal(
        [
            "attach partition payment_p2022_07 to payment (FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-08-01 00:00:00+00'))",
            "detach partition payment_p2022_07 from payment (FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-09-01 00:00:00+00'))",
            "modify function last_day(timestamp with time zone)",
            "modify trigger last_updated on actor",
            "modify view staff_list",
        ], diffs.Select(d => d.Description).Order(StringComparer.Ordinal));

        await ApplyAsync(db, diffs.Select(d => d.Upgrade));
        Assert.Empty(new SchemaComparer(Provider).Compare(model, await ReflectAsync(db)));
        CatalogAssert.Same(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_hand_written_view_and_function_compare_in_the_servers_form()
    {
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await ExecuteAsync(db, """
            CREATE TABLE t (a integer, b text);
            CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1;
            CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$;
            """);
        var live = await ReflectAsync(db);
        var model = live with
        {
            Views = [new ViewDefinition("v", "select a, b from t where a > 1")],
            Routines = [new RoutineDefinition("f", RoutineKind.Function, "CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$") { Signature = "x integer" }],
        };
        Assert.Equal(2, new SchemaComparer(Provider).Compare(model, live).Count); // as typed, the texts differ

        Assert.Empty(await CheckAsync(db, model));
        var changed = model with { Views = [new ViewDefinition("v", "select a, b from t where a > 2")] };
        Assert.Equal(["modify view v"], (await CheckAsync(db, changed)).Select(d => d.Description));
        Assert.Contains("> 1", (await ReflectAsync(db)).Views.Single().Query, StringComparison.Ordinal); // rolled back
    }

    [Fact]
    public async Task A_column_type_change_under_views_drops_and_recreates_them_both_ways()
    {
        await using var db = await PagilaAsync();
        var live = await ReflectAsync(db);
        var before = await db.SnapshotAsync();
        var actor = live.Find("actor")!;
        var changed = live with
        {
            Tables = live.Tables.Select(t => t != actor ? t : t with
            {
                Columns = t.Columns.Select(c => c.Name == "first_name" ? c with { Type = SqlType.String(100) } : c).ToList(),
            }).ToList(),
        };

        var diffs = new SchemaComparer(Provider).Compare(changed, live);
        var descriptions = diffs.Select(d => d.Description).ToList();
        Assert.Contains("remove view actor_info (reads a changed column; created again after the change)", descriptions);
        Assert.Contains("add view actor_info (after the change to a column it reads)", descriptions);
        Assert.True(descriptions.FindIndex(d => d.StartsWith("modify type actor.first_name", StringComparison.Ordinal)) is var alter and > 0
                    && descriptions.FindIndex(d => d.StartsWith("remove view actor_info", StringComparison.Ordinal)) < alter
                    && descriptions.FindIndex(d => d.StartsWith("add view actor_info", StringComparison.Ordinal)) > alter, string.Join("\n", descriptions));

        await ApplyAsync(db, diffs.Select(d => d.Upgrade));
        // The views now print the column without the cast the old type needed: check puts the model's in that form too.
        Assert.Empty(await CheckAsync(db, changed));
        await ApplyAsync(db, Enumerable.Reverse(diffs).Select(d => d.Downgrade));
        CatalogAssert.Same(before, await db.SnapshotAsync());
    }
}
