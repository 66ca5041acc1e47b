using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>
/// op.Execute(sql, args…): each '?' outside literals, identifiers and comments takes the next argument, online and in
/// offline scripts run by the database's own client; a count mismatch fails naming the revision (real databases).
/// </summary>
public class ParameterBindingTests
{
    public static TheoryData<string> Databases() => new(TestDatabase.All);

    private static string Csharp(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    /// <summary>Inserts (A,B), (C,D), ('what?',E), then one dialect-specific trap with value F.</summary>
    private static string Inserts(string dialect)
    {
        var trap = dialect switch
        {
            "mysql" => "INSERT INTO p3 (a, b) VALUES ('it\\'s?', ?) # and \"?\"\n",
            "postgresql" => "INSERT INTO p3 (a, b) VALUES ($q$it's?$q$, ?) /* nested /* ? */ ? */",
            _ => "INSERT INTO p3 (\"a\", [b]) VALUES ('it''s?', ?) -- ?",
        };
        return $"""
            op.Execute("CREATE TABLE p3 (a VARCHAR(20), b VARCHAR(20))");
            op.Execute({Csharp("-- who?\nINSERT INTO p3 (a, b) VALUES (?, ?)")}, "A", "B");
            op.Execute({Csharp("/* who'A' */ INSERT INTO p3 (a, b) VALUES (?, ?)")}, "C", "D");
            op.Execute({Csharp("INSERT INTO p3 (a, b) VALUES ('what?', ?)")}, "E");
            op.Execute({Csharp(trap)}, "F");
            """;
    }

    private static string[] Expected(string dialect) =>
        ["A|B", "C|D", "what?|E", (dialect == "mysql" ? "it's?" : "it's?") + "|F"];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Placeholders_bind_in_order_online_and_offline(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url, Inserts(dialect));
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(Expected(dialect), await db.QueryAsync("SELECT a, b FROM p3 ORDER BY b"));

        await using var offline = await TestDatabase.CreateAsync(dialect);
        var script = await p.Retort("upgrade", "--sql", "base:head");
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.Contains("/* who'A' */ INSERT INTO p3 (a, b) VALUES ('C', 'D')", script.Stdout);
        await ClientRunner.RunScriptAsync(offline, script.Stdout);
        Assert.Equal(Expected(dialect), await offline.QueryAsync("SELECT a, b FROM p3 ORDER BY b"));
    }

    public static TheoryData<string, string, string> Mismatches()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var d in TestDatabase.All)
        {
            data.Add(d, "op.Execute(\"INSERT INTO p3 (a, b) VALUES (?, ?)\", \"A\");", "the statement has 2 placeholders (?) outside strings and comments but 1 argument was given");
            data.Add(d, "op.Execute(\"INSERT INTO p3 (a) VALUES (?)\", \"A\", \"B\");", "the statement has 1 placeholder (?) outside strings and comments but 2 arguments were given");
            data.Add(d, "op.Execute(\"INSERT INTO p3 (a) VALUES ('?')\", \"A\");", "the statement has 0 placeholders (?) outside strings and comments but 1 argument was given");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_count_mismatch_fails_naming_the_revision_online_and_offline(string dialect, string body, string problem)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url, "op.Execute(\"CREATE TABLE p3 (a VARCHAR(20), b VARCHAR(20))\");", body);
        foreach (var args in new[] { new[] { "upgrade", "head" }, ["upgrade", "--sql", "base:head"] })
        {
            var r = await p.Retort(args);
            Assert.Equal(1, r.ExitCode);
            var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
            Assert.StartsWith($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed at statement: INSERT INTO p3 ", failed);
            Assert.Contains(": " + problem, failed);
        }
        // Nothing was inserted (on transactional databases not even revision 1's table is left).
        if ((await CatalogReader.TablesAsync(db)).Contains("p3")) Assert.Empty(await db.QueryAsync("SELECT a FROM p3"));
    }
}
