using Microsoft.Data.Sqlite;

namespace Retort.Tests.Runtime;

/// <summary>Lock, applied history and failure semantics on real SQLite files through the real CLI.</summary>
public class SqliteRuntimeTests
{
    private static List<string> Query(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i)))));
        return rows;
    }

    [Fact]
    public async Task Sixteen_concurrent_upgrades_apply_each_revision_exactly_once()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 20);
        // Compile once so the race is about migrating, not about writing the cache.
        Assert.Equal(0, (await p.Retort("upgrade", "--sql", "base:head")).ExitCode);
        var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => p.Retort("upgrade", "head")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var db = Path.Combine(p.Path, "app.db");
        Assert.Equal([GeneratedProject.Id(20)], Query(db, "SELECT version_num FROM retort_version"));
        var history = Query(db, "SELECT revision FROM retort_version_history WHERE direction = 'upgrade' ORDER BY id");
        Assert.Equal(Enumerable.Range(1, 20).Select(GeneratedProject.Id), history);
        Assert.Equal(1, runs.Count(r => r.Stderr.Contains($"Running upgrade  -> {GeneratedProject.Id(1)}")));
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_at_revision_7_leaves_schema_and_version_table_in_agreement(bool perMigration)
    {
        using var p = new GeneratedProject("sqlite:///app.db", 20, perMigration, failAt: 7);
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Upgrade of revision {GeneratedProject.Id(7)} (rev 7) failed at statement: THIS IS NOT SQL: SQLite Error 1: 'near \"THIS\": syntax error'", failed);

        var db = Path.Combine(p.Path, "app.db");
        var tables = Query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't%' ORDER BY CAST(substr(name, 2) AS INTEGER)");
        if (perMigration)
        {
            // Revisions 1-6 committed one by one; revision 7 rolled back as a whole, its CREATE TABLE included.
            Assert.Equal(Enumerable.Range(1, 6).Select(i => $"t{i}"), tables);
            Assert.Equal([GeneratedProject.Id(6)], Query(db, "SELECT version_num FROM retort_version"));
        }
        else
        {
            // One transaction for the run: nothing at all, not even the version table.
            Assert.Empty(tables);
            Assert.Empty(Query(db, "SELECT name FROM sqlite_master WHERE name = 'retort_version'"));
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Verify_reports_an_edited_applied_revision()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 3);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        var ok = await p.Retort("verify");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("All applied revisions match their files.\n", ok.Stdout);

        var file = Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{GeneratedProject.Id(2)}_*.cs").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("(id INTEGER)", "(id BIGINT)"));
        var bad = await p.Retort("verify");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"{GeneratedProject.Id(2)}: changed: migrations/versions/{Path.GetFileName(file)} was edited after it was applied on ", bad.Stdout);

        // Whitespace-only edits (line endings, trailing spaces) are not changes.
        var three = Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{GeneratedProject.Id(3)}_*.cs").Single();
        File.WriteAllText(three, File.ReadAllText(three).Replace("\n", "  \r\n"));
        Assert.DoesNotContain(GeneratedProject.Id(3), (await p.Retort("verify")).Stdout);

        var up = await p.Retort("upgrade", "head");
        Assert.Contains($"WARNING [retort.runtime.migration] Applied revision {GeneratedProject.Id(2)}: changed:", up.Stderr);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task History_records_each_step_with_direction_and_checksum()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 2);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        Assert.Equal(0, (await p.Retort("downgrade", "-1")).ExitCode);
        var db = Path.Combine(p.Path, "app.db");
        var rows = Query(db, "SELECT revision, direction, length(checksum), duration_ms >= 0, applied_by IS NOT NULL FROM retort_version_history ORDER BY id");
        Assert.Equal(
            [$"{GeneratedProject.Id(1)}|upgrade|64|1|1", $"{GeneratedProject.Id(2)}|upgrade|64|1|1", $"{GeneratedProject.Id(2)}|downgrade|64|1|1"],
            rows);
        SqliteConnection.ClearAllPools();
    }
}
