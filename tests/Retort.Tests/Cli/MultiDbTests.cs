using Microsoft.Data.Sqlite;

namespace Retort.Tests.Cli;

/// <summary>The multidb template: each revision runs once per database, told apart by op.Database.</summary>
public class MultiDbTests
{
    [Fact]
    public async Task Each_database_gets_its_own_tables_and_version_rows()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, "init", "--template", "multidb", "migrations")).ExitCode);
        var toml = dir["retort.toml"];
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("# [databases]\n# engine2 = ", "[databases]\nengine2 = "));
        var made = await CliRunner.RunAsync(dir.Path, "revision", "-m", "split tables", "--rev-id", "aaa000000001");
        Assert.Equal(0, made.ExitCode);
        var file = Directory.GetFiles(dir["migrations/versions"]).Single();
        var text = File.ReadAllText(file);
        Assert.Contains("case \"default\":", text);
        Assert.Contains("case \"engine2\":", text);
        // Fill the generated switch: each database gets a different table.
        var upgradeDone = false;
        var lines = File.ReadAllLines(file).Select(l =>
        {
            if (l.Trim() == "case \"default\":") return l + (upgradeDone ? "\n                op.DropTable(\"users\");" : "\n                op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true });");
            if (l.Trim() == "case \"engine2\":")
            {
                var s = l + (upgradeDone ? "\n                op.DropTable(\"events\");" : "\n                op.CreateTable(\"events\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true });");
                upgradeDone = true;
                return s;
            }
            return l;
        });
        File.WriteAllLines(file, lines);

        var up = await CliRunner.RunAsync(dir.Path, "upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("Migrating database engine2", up.Stderr);
        Assert.Equal("users|aaa000000001", Query(dir["app.db"]));
        Assert.Equal("events|aaa000000001", Query(dir["app2.db"]));
        Assert.Equal("default: aaa000000001\nengine2: aaa000000001\n", (await CliRunner.RunAsync(dir.Path, "current")).Stdout);

        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, "downgrade", "base")).ExitCode);
        Assert.Equal("|", Query(dir["app.db"]));
        Assert.Equal("|", Query(dir["app2.db"]));
        SqliteConnection.ClearAllPools();
    }

    private static string Query(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE((SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'retort%' AND name NOT LIKE 'sqlite%'), '') || '|' || COALESCE((SELECT group_concat(version_num) FROM retort_version), '')";
        return (string)cmd.ExecuteScalar()!;
    }
}
