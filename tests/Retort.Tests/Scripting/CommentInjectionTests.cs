using Retort.Scripting;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Scripting;

/// <summary>
/// A revision message is user text that Retort writes into SQL comments (<c>-- Running upgrade …, message</c>) and
/// C# comments (<c>// message</c>): a CR, LF, U+2028, NUL or <c>*/</c> in it must not end the comment. The offline
/// script runs through the database's own client (sqlite3, psql, mariadb) beside a canary table it must not drop.
/// </summary>
public class CommentInjectionTests
{
    /// <summary>Each message tries to end the comment and drop the canary.</summary>
    private static readonly string[] Attacks =
    [
        "add col\rDROP TABLE canary;",
        "add col\nDROP TABLE canary;",
        "add col\r\nDROP TABLE canary;",
        "add col\u2028DROP TABLE canary;",
        "add col\u0085DROP TABLE canary;",
        "nul \0 here */ DROP TABLE canary; /*",
    ];

    public static TheoryData<string> Databases() => new(TestDatabase.All);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_message_cannot_end_the_comment_of_an_offline_script(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await db.ExecuteAsync("CREATE TABLE canary (id INTEGER)", "INSERT INTO canary (id) VALUES (7)");
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["migrations/versions"]);
        File.WriteAllText(dir["retort.toml"], $"[retort]\nscript_location = \"migrations\"\nurl = \"{db.Url}\"\n");
        for (var i = 0; i < Attacks.Length; i++)
        {
            var parent = i == 0 ? "" : $", DownRevision = \"c{i - 1:D11}\"";
            File.WriteAllText(dir[$"migrations/versions/c{i:D11}_attack.cs"], $$"""
                using Retort;
                [Revision("c{{i:D11}}"{{parent}}, Message = {{RevisionWriter.Literal(Attacks[i])}})]
                public sealed class Attack{{i}} : Migration
                {
                    public override void Upgrade(Operations op) => op.Execute("CREATE TABLE t{{i}} (id INTEGER)");
                    public override void Downgrade(Operations op) => op.Execute("DROP TABLE t{{i}}");
                }
                """);
        }

        var script = await CliRunner.RunAsync(dir.Path, "upgrade", "--sql", "base:head");
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.DoesNotContain('\0', script.Stdout);
        Assert.DoesNotContain('\r', script.Stdout);
        // Every line that mentions the attack is inside a comment.
        Assert.All(script.Stdout.Split('\n').Where(l => l.Contains("DROP TABLE canary")), l => Assert.StartsWith("-- ", l));
        Assert.Contains(", nul \\u0000 here * / DROP TABLE canary; /*", script.Stdout);
        await ClientRunner.RunScriptAsync(db, script.Stdout);

        Assert.Equal(["7"], await db.QueryAsync("SELECT id FROM canary"));
        Assert.Equal([$"c{Attacks.Length - 1:D11}"], await db.QueryAsync("SELECT version_num FROM retort_version"));
        // The files read back with their messages intact (history shows them on one line each).
        var history = await CliRunner.RunAsync(dir.Path, "history");
        Assert.True(history.ExitCode == 0, history.ToString());
    }

    [Fact]
    public async Task Revision_with_line_breaks_in_its_message_writes_a_file_that_compiles_and_runs()
    {
        using var dir = new TempDir();
        var init = await CliRunner.RunAsync(dir.Path, "init", "migrations");
        Assert.True(init.ExitCode == 0, init.ToString());
        // (a NUL cannot travel in a process argument; CommentText covers it in the offline script above)
        const string message = "add col\rop.DropTable(\"x\");\u2028second */ line\u0085end";
        var revision = await CliRunner.RunAsync(dir.Path, "revision", "-m", message);
        Assert.True(revision.ExitCode == 0, revision.ToString());
        var file = Directory.GetFiles(dir["migrations/versions"], "*.cs").Single();
        var text = File.ReadAllText(file);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u2028', text);
        Assert.StartsWith("// add col\n// op.DropTable(\"x\");\n// second * / line\n// end\n", text);

        // It compiles (upgrade runs it) and the message reads back as written.
        var up = await CliRunner.RunAsync(dir.Path, "upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        var show = await CliRunner.RunAsync(dir.Path, "show", "head", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(show.Stdout);
        var root = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? json.RootElement[0] : json.RootElement;
        Assert.Equal(message, root.GetProperty("message").GetString());
    }
}
