using Microsoft.Data.Sqlite;
using Retort.Tests.Cli;

namespace Retort.Tests.Runtime;

/// <summary>
/// A real SQLite file that cannot grow (SQLite's own SQLITE_FULL, error 13, through <c>PRAGMA max_page_count</c>)
/// or cannot be written (<c>PRAGMA query_only</c>, error 8): the FAILED line says what failed (the version table,
/// or which revision), and the file keeps the last state that committed.
/// </summary>
public class FullDatabaseTests
{
    private static ScriptedProject Project(string onConnect) => new("sqlite:///app.db",
        [
            ("op.Execute(\"CREATE TABLE t1 (id INTEGER, pad TEXT)\");", ""),
            ("op.Execute(\"CREATE TABLE t2 (id INTEGER, pad TEXT)\"); " +
             "op.Execute(\"WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 200) INSERT INTO t2 SELECT v, hex(randomblob(500)) FROM s\");", ""),
        ], $"on_connect = [\"{onConnect}\"]");

    private static List<string> Versions(ScriptedProject p)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(p.Path, "app.db")};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE name = 'retort_version'";
        if (cmd.ExecuteScalar() is null) return [];
        cmd.CommandText = "SELECT version_num FROM retort_version";
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(r.GetString(0));
        return rows;
    }

    private static string Failed(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.DoesNotContain("SqliteException", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        return r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
    }

    [Fact]
    public async Task A_full_database_names_the_version_table_or_the_revision()
    {
        using var p = Project("PRAGMA max_page_count = 1");
        Assert.Equal("FAILED: Creating the version table retort_version failed before any revision ran: SQLite Error 13: 'database or disk is full'.",
            Failed(await p.Retort("upgrade", "head")));
        Assert.Empty(Versions(p));

        // Room for revision 1, not for revision 2's rows: revision 2 and its statement are named, and the run (one
        // transaction) leaves nothing.
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("max_page_count = 1", "max_page_count = 20"));
        Assert.Equal($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed at statement: " +
            "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 200) INSERT INTO t2 SELECT v, hex(randomblob(500)) FROM s: " +
            "SQLite Error 13: 'database or disk is full'.",
            Failed(await p.Retort("upgrade", "head")));
        Assert.Empty(Versions(p));
    }

    [Fact]
    public async Task A_read_only_database_names_the_revision()
    {
        using var p = Project("PRAGMA query_only = OFF");
        Assert.Equal(0, (await p.Retort("upgrade", ScriptedProject.Id(1))).ExitCode);
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("query_only = OFF", "query_only = ON"));
        Assert.Equal($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed at statement: BEGIN: " +
            "SQLite Error 8: 'attempt to write a readonly database'.",
            Failed(await p.Retort("upgrade", "head")));
        Assert.Equal([ScriptedProject.Id(1)], Versions(p));
    }
}
