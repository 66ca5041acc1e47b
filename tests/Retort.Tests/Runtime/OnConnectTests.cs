using Microsoft.Data.Sqlite;

namespace Retort.Tests.Runtime;

/// <summary>
/// retort.toml <c>on_connect</c>: SQL the user asks to run on each connection. Without it Retort leaves the database's
/// modes as they are; with it, exactly what was asked happens, and a statement the database refuses is one FAILED line.
/// </summary>
public class OnConnectTests
{
    private static string JournalMode(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        return (string)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Without_on_connect_an_upgrade_leaves_the_sqlite_journal_mode_alone()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 3, transactionPerMigration: true);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        Assert.Equal("delete", JournalMode(Path.Combine(p.Path, "app.db")));
    }

    [Fact]
    public async Task On_connect_statements_run_before_the_upgrade()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 3, transactionPerMigration: true);
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml) + "\non_connect = [\"PRAGMA journal_mode = WAL\", \"PRAGMA synchronous = NORMAL\"]\n");
        var r = await p.Retort("upgrade", "head");
        Assert.True(r.ExitCode == 0, r.ToString());
        var db = Path.Combine(p.Path, "app.db");
        Assert.Equal("wal", JournalMode(db));
        Assert.Equal(GeneratedProject.Id(3), Assert.Single(await QueryAsync(db, "SELECT version_num FROM retort_version")));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_refused_on_connect_statement_is_one_failed_line()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 1);
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml) + "\non_connect = [\"PRAGMA nonsense(\"]\n");
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("FAILED: on_connect statement 'PRAGMA nonsense(' failed on sqlite:///", r.Stderr);
        Assert.Contains("SQLite Error 1: 'incomplete input'", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task On_connect_must_be_an_array_of_strings()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 1);
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml) + "\non_connect = \"PRAGMA synchronous = NORMAL\"\n");
        var r = await p.Retort("current");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FAILED: on_connect in retort.toml must be an array of SQL strings.\n", r.Stderr);
    }

    private static async Task<List<string>> QueryAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }
}
