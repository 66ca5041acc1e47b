using Retort.Tests.Infrastructure;
using Retort.Tests.Runtime;

namespace Retort.Tests.RealWork;

/// <summary>
/// op.Run: a data migration that reads rows, computes in C# and writes back, at its place among the revision's
/// operations and inside its transaction, through the real CLI on the real databases; offline it fails naming the
/// revision unless the revision chose an offline alternative.
/// </summary>
public class RunActionTests
{
    public static TheoryData<string> Databases() => new(TestDatabase.All);

    private const string CreatePeople = """
        op.Execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(100), first_name VARCHAR(50), last_name VARCHAR(50))");
        op.Execute("CREATE TABLE notes (dialect VARCHAR(20), in_transaction INT, seen INT)");
        op.BulkInsert("people", ["id", "full_name"], [[1, "Ada Lovelace"], [2, "Alan Turing"]]);
        """;

    // Grace is inserted by the operation before op.Run: the action must see her.
    private const string SplitNames = """
        op.Execute("INSERT INTO people (id, full_name) VALUES (3, 'Grace Hopper')");
        op.Run(async (db, ct) =>
        {
            var rows = await db.QueryAsync("SELECT id, full_name FROM people ORDER BY id");
            foreach (var row in rows)
            {
                var parts = ((string)row[1]!).Split(' ');
                await db.ExecuteAsync("UPDATE people SET first_name = ?, last_name = ? WHERE id = ?", parts[0], parts[1], Convert.ToInt64(row[0]));
            }
            await db.ExecuteAsync("INSERT INTO notes (dialect, in_transaction, seen) VALUES (?, ?, ?)", db.Dialect, db.Transaction is null ? 0 : 1, rows.Count);
        });
        op.Execute("UPDATE people SET full_name = NULL WHERE id = 3");
        """;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_data_migration_reads_computes_and_writes_back_in_its_place(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url, CreatePeople, SplitNames);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["1|Ada Lovelace|Ada|Lovelace", "2|Alan Turing|Alan|Turing", "3|NULL|Grace|Hopper"],
            await db.QueryAsync("SELECT id, full_name, first_name, last_name FROM people ORDER BY id"));
        Assert.Equal([$"{dialect}|1|3"], await db.QueryAsync("SELECT dialect, in_transaction, seen FROM notes"));
        Assert.Equal([ScriptedProject.Id(2)], await db.QueryAsync("SELECT version_num FROM retort_version"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_failing_action_rolls_back_its_writes_and_names_the_revision(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url, CreatePeople, """
            op.Run(async (db, ct) =>
            {
                await db.ExecuteAsync("UPDATE people SET first_name = 'changed'");
                throw new InvalidOperationException("no middle names allowed");
            });
            """);
        var up = await p.Retort("upgrade", "head");
        Assert.Equal(1, up.ExitCode);
        // MariaDB adds that only rows changed and those were rolled back.
        Assert.StartsWith($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed at statement: op.Run: no middle names allowed",
            up.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: ")));
        Assert.DoesNotContain("   at ", up.All);
        // Revision 1 committed on its own where DDL does not roll back; either way the action's UPDATE did not stay.
        if ((await CatalogReader.TablesAsync(db)).Contains("people"))
            Assert.Equal(["NULL", "NULL"], await db.QueryAsync("SELECT first_name FROM people ORDER BY id"));
        Assert.DoesNotContain(ScriptedProject.Id(2), await VersionsAsync(db));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Offline_a_revision_that_runs_code_fails_naming_it_unless_it_has_an_offline_alternative(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using (var p = new ScriptedProject(db.Url, CreatePeople, SplitNames))
        {
            var script = await p.Retort("upgrade", "--sql", "base:head");
            Assert.Equal(1, script.ExitCode);
            var failed = script.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
            Assert.StartsWith($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed: it calls op.Run, which needs a live database", failed);
        }

        using var alternative = new ScriptedProject(db.Url, CreatePeople, """
            if (op.IsOffline)
                op.Execute("UPDATE people SET first_name = ?", op.Dialect);
            else
                op.Run((db, ct) => db.ExecuteAsync("UPDATE people SET first_name = 'online'"));
            """);
        var offline = await alternative.Retort("upgrade", "--sql", "base:head");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        await ClientRunner.RunScriptAsync(db, offline.Stdout);
        Assert.Equal([dialect, dialect], await db.QueryAsync("SELECT first_name FROM people ORDER BY id"));
    }

    private static async Task<List<string>> VersionsAsync(TestDatabase db) =>
        (await CatalogReader.TablesAsync(db)).Contains("retort_version") ? await db.QueryAsync("SELECT version_num FROM retort_version") : [];
}
