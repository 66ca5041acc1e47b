using Npgsql;
using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Postgres;

/// <summary>
/// Changes that have an operation of their own on PostgreSQL, each on a real schema on the real server: a model
/// that says a constraint is (or is not) NOT VALID, an index comment changed alone, a column's storage changed alone,
/// a partitioned table's key. Each: check reports exactly that change, the Upgrade makes check clean, the Downgrade
/// puts back what the independent catalog snapshot read before; both run as a revision would, rendered as C#,
/// compiled and recorded.
/// </summary>
public class PostgresAloneChangeTests
{
    private static readonly DatabaseProvider Provider = DatabaseProviders.Get("postgresql");

    private static async Task<DatabaseSchema> ReflectAsync(FidelityDatabase db)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        return await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
    }

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

    private static async Task<object?> ScalarAsync(FidelityDatabase db, string sql)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }

    private static DatabaseSchema WithTable(DatabaseSchema schema, string table, Func<TableSchema, TableSchema> change) =>
        schema with { Tables = schema.Tables.Select(t => t.Name == table && t.Schema is null ? change(t) : t).ToList() };

    /// <summary>
    /// check lists <paramref name="expected"/> for the changed model; its Upgrade leaves nothing to report and
    /// <paramref name="after"/> holds; its Downgrade gives back the catalog of before.
    /// </summary>
    private static async Task RoundAsync(FidelityDatabase db, DatabaseSchema changed, string[] expected, Func<Task> after)
    {
        var before = await db.SnapshotAsync();
        var live = await ReflectAsync(db);
        var diffs = new SchemaComparer(Provider).Compare(changed, live);
        Assert.Equal(expected, diffs.Select(d => d.Description));

        // What runs is what a revision file records: the operations rendered as C#, compiled and run.
        await ApplyAsync(db, Autogenerate.FidelityModelTests.RenderCompileRun(diffs.Select(d => d.Upgrade)));
        var left = new SchemaComparer(Provider).Compare(changed, await ReflectAsync(db));
        Assert.True(left.Count == 0, string.Join("\n", left.Select(d => d.Description)));
        await after();

        await ApplyAsync(db, Autogenerate.FidelityModelTests.RenderCompileRun(Enumerable.Reverse(diffs).Select(d => d.Downgrade)));
        Assert.Empty(new SchemaComparer(Provider).Compare(live, await ReflectAsync(db)));
        CatalogAssert.Same(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task Not_valid_foreign_keys_and_checks_are_validated_or_made_not_valid_as_the_model_says()
    {
        // OpenStreetMap's structure.sql (Rails) adds five foreign keys NOT VALID.
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.LoadAsync(SampleSchemas.WholeFile("postgresql", "openstreetmap"));
        var live = await ReflectAsync(db);
        var tokens = live.Find("oauth_access_tokens")!;
        Assert.Contains(tokens.ForeignKeys, f => f is { Name: "fk_rails_732cb83ab7", NotValid: true });

        const string Validated = "SELECT convalidated FROM pg_constraint WHERE conname = 'fk_rails_732cb83ab7'";
        await RoundAsync(db,
            WithTable(live, "oauth_access_tokens", t => t with { ForeignKeys = t.ForeignKeys.Select(f => f.Name == "fk_rails_732cb83ab7" ? f with { NotValid = false } : f).ToList() }),
            ["validate foreign key fk_rails_732cb83ab7 on oauth_access_tokens"],
            async () => Assert.Equal(true, await ScalarAsync(db, Validated)));
        Assert.Equal(false, await ScalarAsync(db, Validated));

        // A validated key the model states NOT VALID: dropped and added again so (its Downgrade validates it).
        var valid = live.Tables.SelectMany(t => t.ForeignKeys.Select(f => (Table: t, Fk: f))).First(x => !x.Fk.NotValid && x.Fk.Name is not null);
        await RoundAsync(db,
            WithTable(live, valid.Table.Name, t => t with { ForeignKeys = t.ForeignKeys.Select(f => f == valid.Fk ? f with { NotValid = true } : f).ToList() }),
            [$"make foreign key {valid.Fk.Name} on {valid.Table.Name} NOT VALID (dropped and added again)"],
            async () => Assert.Equal(false, await ScalarAsync(db, $"SELECT convalidated FROM pg_constraint WHERE conname = '{valid.Fk.Name}' AND conrelid = '{valid.Table.Name}'::regclass")));
    }

    [Fact]
    public async Task A_check_the_model_states_not_valid_is_added_again_so_and_validated_by_the_downgrade()
    {
        // PowerDNS's schema checks that names are lower case.
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.LoadAsync(SampleSchemas.WholeFile("postgresql", "powerdns"));
        var live = await ReflectAsync(db);
        var check = live.Tables.SelectMany(t => t.CheckConstraints.Select(c => (Table: t, Check: c))).First(x => !x.Check.NotValid && x.Check.Name is not null);
        await RoundAsync(db,
            WithTable(live, check.Table.Name, t => t with { CheckConstraints = t.CheckConstraints.Select(c => c == check.Check ? c with { NotValid = true } : c).ToList() }),
            [$"make check {check.Check.Name} on {check.Table.Name} NOT VALID (dropped and added again)"],
            async () => Assert.Equal(false, await ScalarAsync(db, $"SELECT convalidated FROM pg_constraint WHERE conname = '{check.Check.Name}' AND conrelid = '{check.Table.Name}'::regclass")));
        Assert.Equal(true, await ScalarAsync(db, $"SELECT convalidated FROM pg_constraint WHERE conname = '{check.Check.Name}' AND conrelid = '{check.Table.Name}'::regclass"));
    }

    [Fact]
    public async Task An_index_comment_and_a_column_storage_change_alone()
    {
        // Icinga DB comments its indexes and sets STORAGE PLAIN on hundreds of columns.
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.LoadAsync(SampleSchemas.WholeFile("postgresql", "icingadb"));
        var live = await ReflectAsync(db);
        var commented = live.Tables.First(t => t.Schema is null && t.Indexes.Any(i => i.Comment is not null));
        var index = commented.Indexes.First(i => i.Comment is not null);

        await RoundAsync(db,
            WithTable(live, commented.Name, t => t with { Indexes = t.Indexes.Select(i => i == index ? i with { Comment = "changed alone" } : i).ToList() }),
            [$"modify comment of index {index.Name} on {commented.Name}"],
            async () => Assert.Equal("changed alone", await ScalarAsync(db, $"SELECT obj_description('{index.Name}'::regclass, 'pg_class')")));

        // One column from PLAIN to MAIN, and one with its type's storage (EXTENDED, not listed) to EXTERNAL: the
        // Downgrade goes back to PLAIN and to the type's storage.
        var plain = live.Tables.First(t => t.Columns.Any(c => string.Equals(c.Storage, "PLAIN", StringComparison.OrdinalIgnoreCase)));
        var plainColumn = plain.Columns.First(c => string.Equals(c.Storage, "PLAIN", StringComparison.OrdinalIgnoreCase));
        var text = live.Tables.First(t => t != plain && t.Columns.Any(c => c.Storage is null && c.Type.Kind is SqlTypeKind.Text or SqlTypeKind.String));
        var textColumn = text.Columns.First(c => c.Storage is null && c.Type.Kind is SqlTypeKind.Text or SqlTypeKind.String);
        var changed = WithTable(live, plain.Name, t => t with { Columns = t.Columns.Select(c => c == plainColumn ? c with { Storage = "main" } : c).ToList() });
        changed = WithTable(changed, text.Name, t => t with { Columns = t.Columns.Select(c => c == textColumn ? c with { Storage = "external" } : c).ToList() });
        string Storage(TableSchema t, Column c) => $"SELECT attstorage::text FROM pg_attribute WHERE attrelid = '{t.Name}'::regclass AND attname = '{c.Name}'";
        await RoundAsync(db, changed,
            [.. new[] { $"modify storage {plain.Name}.{plainColumn.Name}", $"modify storage {text.Name}.{textColumn.Name}" }
                .OrderBy(d => d.Contains(plain.Name + ".", StringComparison.Ordinal) ? plain.Name : text.Name, StringComparer.Ordinal)],
            async () =>
            {
                Assert.Equal("m", await ScalarAsync(db, Storage(plain, plainColumn)));
                Assert.Equal("e", await ScalarAsync(db, Storage(text, textColumn)));
            });
        Assert.Equal("p", await ScalarAsync(db, Storage(plain, plainColumn)));
        Assert.Equal("x", await ScalarAsync(db, Storage(text, textColumn)));
    }

    [Fact]
    public async Task A_partition_key_change_makes_the_parent_again_around_its_partitions_and_views()
    {
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync("""
            CREATE TABLE readings (site integer NOT NULL, day integer NOT NULL, value numeric, PRIMARY KEY (site, day)) PARTITION BY RANGE (site);
            CREATE INDEX readings_day ON readings (day);
            CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (0) TO (50);
            CREATE TABLE readings_high PARTITION OF readings FOR VALUES FROM (50) TO (100);
            INSERT INTO readings VALUES (1, 10, 1.5), (60, 70, 2.5);
            CREATE VIEW busy_sites AS SELECT site, count(*) AS n FROM readings GROUP BY site;
            """);
        var live = await ReflectAsync(db);
        Assert.Equal("RANGE (site)", live.Find("readings")!.PartitionBy);

        await RoundAsync(db, WithTable(live, "readings", t => t with { PartitionBy = "RANGE (day)" }),
            [
                "remove view busy_sites (reads a changed column; created again after the change)",
                "detach partition readings_high from readings (FOR VALUES FROM (50) TO (100)) while its key changes",
                "detach partition readings_low from readings (FOR VALUES FROM (0) TO (50)) while its key changes",
                "remove table readings (partition key RANGE (site) -> RANGE (day); created again)",
                "add table readings (partition key RANGE (day))",
                "attach partition readings_high to readings (FOR VALUES FROM (50) TO (100)) while its key changes",
                "attach partition readings_low to readings (FOR VALUES FROM (0) TO (50)) while its key changes",
                "add view busy_sites (after the change to a column it reads)",
            ],
            async () =>
            {
                Assert.Equal("RANGE (day)", await ScalarAsync(db, "SELECT pg_get_partkeydef('readings'::regclass)"));
                Assert.Equal(2L, await ScalarAsync(db, "SELECT count(*) FROM busy_sites"));
            });
        Assert.Equal("RANGE (site)", await ScalarAsync(db, "SELECT pg_get_partkeydef('readings'::regclass)"));
        Assert.Equal(2L, await ScalarAsync(db, "SELECT count(*) FROM readings"));
    }
}
