using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>Lock, history and failure semantics on real PostgreSQL and MariaDB servers through the real CLI.</summary>
public class ServerRuntimeTests
{
    public static TheoryData<string> Servers() => new(WithSqlServer("postgresql", "mysql"));

    /// <summary>SQL Server joins the live tests when RETORT_TEST_MSSQL names a server (none can run here).</summary>
    public static string[] WithSqlServer(params string[] dialects) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RETORT_TEST_MSSQL")) ? dialects : [.. dialects, "mssql"];

    public static TheoryData<string, bool> ServersAndModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var d in WithSqlServer("postgresql", "mysql")) { data.Add(d, false); data.Add(d, true); }
        return data;
    }

    private static async Task<List<string>> TablesAsync(TestDatabase db) =>
        (await CatalogReader.TablesAsync(db)).Where(t => t.StartsWith('t')).OrderBy(t => int.Parse(t[1..])).ToList();

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Sixteen_concurrent_upgrades_apply_each_revision_exactly_once(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new GeneratedProject(db.Url, 20);
        Assert.Equal(0, (await p.Retort("upgrade", "--sql", "base:head")).ExitCode); // compile once
        var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => p.Retort("upgrade", "head")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal([GeneratedProject.Id(20)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(Enumerable.Range(1, 20).Select(GeneratedProject.Id),
            await db.QueryAsync("SELECT revision FROM retort_version_history WHERE direction = 'upgrade' ORDER BY id"));
        Assert.Equal(20, (await TablesAsync(db)).Count);
    }

    [Theory]
    [MemberData(nameof(ServersAndModes))]
    public async Task A_failure_at_revision_7_leaves_schema_and_version_table_in_agreement(string dialect, bool perMigration)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new GeneratedProject(db.Url, 20, perMigration, failAt: 7);
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Upgrade of revision {GeneratedProject.Id(7)} (rev 7) failed at statement: THIS IS NOT SQL: ", failed);
        Assert.Contains(dialect switch
        {
            "postgresql" => "syntax error at or near \"THIS\"",
            "mssql" => "Incorrect syntax near",
            _ => "You have an error in your SQL syntax",
        }, failed);
        Assert.DoesNotContain("retort-secret", r.All);

        var tables = await TablesAsync(db);
        if (dialect == "mysql")
        {
            // No transactional DDL: 1-6 are applied and recorded; 7 created its table before failing.
            Assert.EndsWith("1 of its 2 statements ran before the failure and stay applied (mysql has no transactional DDL), so it is half-applied; " +
                "the version table names the last revision that completed. Undo them by hand, then run 'retort repair'; " +
                "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].", failed);
            Assert.Equal(Enumerable.Range(1, 7).Select(i => $"t{i}"), tables);
            Assert.Equal([GeneratedProject.Id(6)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        }
        else if (perMigration)
        {
            Assert.Equal(Enumerable.Range(1, 6).Select(i => $"t{i}"), tables);
            Assert.Equal([GeneratedProject.Id(6)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        }
        else
        {
            Assert.Empty(tables);
            Assert.DoesNotContain("retort_version", await CatalogReader.TablesAsync(db));
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Offline_script_run_by_the_database_client_matches_the_online_upgrade(string dialect)
    {
        await using var online = await TestDatabase.CreateAsync(dialect);
        await using var offline = await TestDatabase.CreateAsync(dialect);
        using var p = new GeneratedProject(online.Url, 5);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        var script = await p.Retort("upgrade", "--sql", "base:head");
        Assert.Equal(0, script.ExitCode);
        if (dialect == "postgresql")
        {
            Assert.StartsWith("BEGIN;", script.Stdout.TrimStart());
            Assert.EndsWith("COMMIT;", script.Stdout.TrimEnd());
        }
        await ClientRunner.RunScriptAsync(offline, script.Stdout);

        Assert.Equal(await CatalogReader.SnapshotAsync(online), await CatalogReader.SnapshotAsync(offline));
        Assert.Equal([GeneratedProject.Id(5)], await offline.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(5, (await offline.QueryAsync("SELECT revision FROM retort_version_history")).Count);

        // And back down: the downgrade script from head to base empties both.
        var down = await p.Retort("downgrade", "--sql", "head:base");
        await ClientRunner.RunScriptAsync(offline, down.Stdout);
        Assert.Empty(await TablesAsync(offline));
        Assert.Empty(await offline.QueryAsync("SELECT version_num FROM retort_version"));
    }

}
