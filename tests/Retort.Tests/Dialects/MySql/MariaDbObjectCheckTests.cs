using Retort.Tests.Adopt;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.MySql;

/// <summary>
/// A hand-written MetaData model (env.cs) with a view, a function, a trigger and two partitioned tables, written as a
/// person types them (not as MariaDB prints them), through the real CLI on a real server: after autogenerate and
/// upgrade, check is clean (the model's side is put through the server first); the tables come out as the same SQL
/// typed into the mariadb client makes them (SHOW CREATE TABLE); a changed view body, routine body, trigger and
/// partition bound and a new partition are each reported, converge, and the Downgrade puts the catalog back.
/// </summary>
public class MariaDbObjectCheckTests
{
    private const string Env = """
        using Retort;
        using Retort.Ops;
        using Retort.Schema;

        public sealed class Env : MigrationEnvironment
        {
            public override void Configure(EnvironmentContext context)
            {
                context.TargetModel = new MetaData()
                    .Table("t", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("n", SqlType.Integer()))
                    .Table("logs", new Column("id", SqlType.Integer()) { Nullable = false }, new Column("d", SqlType.Date()) { Nullable = false },
                        new PrimaryKey("id", "d"),
                        new TableOptions { PartitionBy = "RANGE (YEAR(d))", Partitions = [new TablePartition("p0", "values less than (1990)"), new TablePartition("p1", "values less than (/*BOUND*/2000)"), new TablePartition("p2", "VALUES LESS THAN MAXVALUE")] })
                    .Table("tags", new Column("id", SqlType.Integer()) { Nullable = false }, new Column("c", SqlType.Integer()) { Nullable = false },
                        new TableOptions { PartitionBy = "LIST (c)", Partitions = [new TablePartition("a", "VALUES IN (1, 2)")/*NEW*/] })
                    .View(new ViewDefinition("v", "select id, n from t where n > /*VIEW*/0"))
                    .Routine(new RoutineDefinition("f", RoutineKind.Function, "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + /*ROUTINE*/1"))
                    .Trigger(new TriggerDefinition("t_bi", "t", "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = /*TRIGGER*/1"));
            }
        }
        """;

    private static readonly string[] Edits =
    [
        "/*BOUND*/2000", "2010", "/*NEW*/", """, new TablePartition("b", "VALUES IN (3)")""",
        "/*VIEW*/0", "5", "/*ROUTINE*/1", "2", "/*TRIGGER*/1", "7",
    ];

    [Fact]
    public async Task A_hand_written_model_is_clean_after_upgrade_and_each_change_is_reported()
    {
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        await using var reference = await FidelityDatabase.CreateAsync("mysql");
        using var project = await AdoptProject.CreateAsync(db.Url);
        var env = Path.Combine(project.Path, "migrations", "env.cs");
        File.WriteAllText(env, Env);
        await project.OkAsync("revision", "--autogenerate", "-m", "objects");
        await project.OkAsync("upgrade", "head");
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);

        // The reference: the same tables typed into the server by hand.
        await reference.ExecuteAsync("CREATE TABLE logs (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (1990), PARTITION p1 VALUES LESS THAN (2000), PARTITION p2 VALUES LESS THAN MAXVALUE)");
        await reference.ExecuteAsync("CREATE TABLE tags (id INT NOT NULL, c INT NOT NULL) PARTITION BY LIST (c) (PARTITION a VALUES IN (1, 2))");
        foreach (var table in new[] { "logs", "tags" })
            Assert.Equal(await ShowCreateTableAsync(reference, table), await ShowCreateTableAsync(db, table));
        var before = await db.SnapshotAsync();

        var text = File.ReadAllText(env);
        for (var i = 0; i < Edits.Length; i += 2)
        {
            Assert.Contains(Edits[i], text);
            text = text.Replace(Edits[i], Edits[i + 1], StringComparison.Ordinal);
        }
        File.WriteAllText(env, text);
        var check = await project.RunAsync("check");
        Assert.True(check.ExitCode == 1, check.ToString());
        var reported = check.Stdout.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "add partition tags: b VALUES IN (3)",
                "modify function f()",
                "modify partitions logs: p1 VALUES LESS THAN (2000), p2 VALUES LESS THAN MAXVALUE -> p1 VALUES LESS THAN (2010), p2 VALUES LESS THAN MAXVALUE",
                "modify trigger t_bi on t",
                "modify view v",
            ], reported);

        await project.OkAsync("revision", "--autogenerate", "-m", "changed");
        await project.OkAsync("upgrade", "head");
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);
        await reference.ExecuteAsync("ALTER TABLE logs REORGANIZE PARTITION p1, p2 INTO (PARTITION p1 VALUES LESS THAN (2010), PARTITION p2 VALUES LESS THAN MAXVALUE)");
        await reference.ExecuteAsync("ALTER TABLE tags ADD PARTITION (PARTITION b VALUES IN (3))");
        foreach (var table in new[] { "logs", "tags" })
            Assert.Equal(await ShowCreateTableAsync(reference, table), await ShowCreateTableAsync(db, table));

        await project.OkAsync("downgrade", "-1");
        CatalogAssert.Same(before, await db.SnapshotAsync(), "the catalog before the change and after its Downgrade");
    }

    /// <summary>Each partition operation on a table holding rows: applied, then its Reverse() gives back SHOW CREATE TABLE and the rows.</summary>
    [Fact]
    public async Task Partition_operations_apply_and_reverse_keeping_the_rows()
    {
        var dialect = Retort.Dialects.DatabaseProviders.Get("mysql").Dialect;
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        await db.ExecuteAsync("CREATE TABLE logs (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (1990), PARTITION p1 VALUES LESS THAN MAXVALUE)");
        await db.ExecuteAsync("INSERT INTO logs VALUES (1, 1980), (2, 1995), (3, 2020)");
        Ops.MigrationOperation[] operations =
        [
            new Ops.ReorganizePartitionsOperation("logs",
                [new Ops.TablePartition("p0", "VALUES LESS THAN (1990)")], [new Ops.TablePartition("p00", "VALUES LESS THAN (1985)"), new Ops.TablePartition("p0", "VALUES LESS THAN (1990)")]),
            new Ops.PartitionTableOperation("logs", "HASH (id)", [new Ops.TablePartition("p0"), new Ops.TablePartition("p1")])
            {
                ExistingPartitionBy = "RANGE (`y`)",
                ExistingPartitions = [new Ops.TablePartition("p0", "VALUES LESS THAN (1990)"), new Ops.TablePartition("p1", "VALUES LESS THAN MAXVALUE")],
            },
            new Ops.PartitionTableOperation("logs", null, [])
            {
                ExistingPartitionBy = "RANGE (`y`)",
                ExistingPartitions = [new Ops.TablePartition("p0", "VALUES LESS THAN (1990)"), new Ops.TablePartition("p1", "VALUES LESS THAN MAXVALUE")],
            },
        ];
        var before = await ShowCreateTableAsync(db, "logs");
        foreach (var op in operations)
        {
            foreach (var s in dialect.Generate(op)) await db.ExecuteAsync(s.Sql);
            Assert.NotEqual(before, await ShowCreateTableAsync(db, "logs"));
            foreach (var s in dialect.Generate(op.Reverse())) await db.ExecuteAsync(s.Sql);
            Assert.Equal(before, await ShowCreateTableAsync(db, "logs"));
            Assert.Equal(["1|1980", "2|1995", "3|2020"], await RowsAsync(db));
        }
        // A dropped partition's rows go with it; the Reverse adds the partition back, empty.
        await db.ExecuteAsync("ALTER TABLE logs REORGANIZE PARTITION p1 INTO (PARTITION p1 VALUES LESS THAN (2000), PARTITION p2 VALUES LESS THAN MAXVALUE)");
        var split = await ShowCreateTableAsync(db, "logs");
        var drop = new Ops.DropPartitionsOperation("logs", ["p2"]) { Existing = [new Ops.TablePartition("p2", "VALUES LESS THAN MAXVALUE")] };
        foreach (var s in dialect.Generate(drop)) await db.ExecuteAsync(s.Sql);
        Assert.Equal(["1|1980", "2|1995"], await RowsAsync(db));
        foreach (var s in dialect.Generate(drop.Reverse())) await db.ExecuteAsync(s.Sql);
        Assert.Equal(split, await ShowCreateTableAsync(db, "logs"));
    }

    private static async Task<List<string>> RowsAsync(FidelityDatabase db)
    {
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, y FROM logs ORDER BY id";
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetValue(0)}|{reader.GetValue(1)}");
        return rows;
    }

    private static async Task<string> ShowCreateTableAsync(FidelityDatabase db, string table)
    {
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SHOW CREATE TABLE `{table}`";
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetString(1);
    }
}
