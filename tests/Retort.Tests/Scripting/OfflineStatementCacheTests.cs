using System.Text.RegularExpressions;
using Retort.Scripting;
using Retort.Tests.Cli;
using Retort.Tests.Runtime;

namespace Retort.Tests.Scripting;

/// <summary>Which revisions count as "only emits operations", and the offline SQL cache built on that.</summary>
public class OfflineStatementCacheTests
{
    private static string Revision(string id, string cls, string upgrade, string members = "") => $$"""
        using Retort;
        [Revision("{{id}}")]
        public sealed class {{cls}} : Migration
        {
            {{members}}
            public override void Upgrade(Operations op) { {{upgrade}} }
            public override void Downgrade(Operations op) => op.DropTable("t");
        }
        """;

    [Fact]
    public void Only_revisions_that_use_nothing_but_operations_and_plain_values_are_pure()
    {
        using var dir = new TempDir();
        var files = new Dictionary<string, string>
        {
            ["aaaa00000001"] = Revision("aaaa00000001", "Literal", "op.Execute(\"CREATE TABLE t (id INTEGER)\");"),
            ["aaaa00000002"] = Revision("aaaa00000002", "Typed",
                "foreach (var i in Enumerable.Range(1, 3)) op.CreateTable($\"t{i}\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true }, new Column(\"v\", SqlType.Text()));",
                "private const string Prefix = \"t\";"),
            ["aaaa00000003"] = Revision("aaaa00000003", "Clock", "op.Execute($\"INSERT INTO t VALUES ('{DateTime.Now}')\");"),
            ["aaaa00000004"] = Revision("aaaa00000004", "Counter", "Count++; op.Execute(\"SELECT \" + Count);", "private static int Count;"),
            ["aaaa00000005"] = Revision("aaaa00000005", "Env", "op.Execute(Environment.GetEnvironmentVariable(\"SQL\") ?? \"\");"),
            ["aaaa00000006"] = Revision("aaaa00000006", "Files", "op.Execute(System.IO.File.ReadAllText(\"x.sql\"));"),
        };
        foreach (var (id, text) in files) File.WriteAllText(dir[id + ".cs"], text);
        var (_, pure) = RevisionCompiler.Compile(files.Keys.Select(id => dir[id + ".cs"]).ToList(), [], dir["cache"]);
        Assert.Equal(["aaaa00000001", "aaaa00000002"], pure.Order(StringComparer.Ordinal));

        // The same answer from the purity list kept beside the cached assemblies.
        var (_, again) = RevisionCompiler.Compile(files.Keys.Select(id => dir[id + ".cs"]).ToList(), [], dir["cache"]);
        Assert.Equal(pure.Order(StringComparer.Ordinal), again.Order(StringComparer.Ordinal));
    }

    private static string WithoutHistoryTimes(string script) =>
        Regex.Replace(script, @"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d', \d+,", "'T', 0,");

    [Fact]
    public async Task An_offline_script_replayed_from_the_cache_is_the_script_the_revisions_print()
    {
        using var p = new GeneratedProject("sqlite:///app.db", 6);
        var first = await p.Retort("upgrade", "--sql", "base:head");
        Assert.Equal(0, first.ExitCode);
        var cache = Path.Combine(p.Path, "migrations", ".retort-cache");
        var sqlCache = Assert.Single(Directory.GetFiles(cache, "sql-sqlite-*.bin"));
        var second = await p.Retort("upgrade", "--sql", "base:head");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(WithoutHistoryTimes(first.Stdout), WithoutHistoryTimes(second.Stdout));
        Assert.Contains("CREATE TABLE t6 (id INTEGER);", second.Stdout);

        // An edited revision has a new content hash: its new SQL, never the cached one.
        var file = Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{GeneratedProject.Id(3)}_*.cs").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("CREATE TABLE t3 (id INTEGER)", "CREATE TABLE t3 (id BIGINT)"));
        var third = await p.Retort("upgrade", "--sql", "base:head");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("CREATE TABLE t3 (id BIGINT);", third.Stdout);
        Assert.DoesNotContain("CREATE TABLE t3 (id INTEGER);", third.Stdout);

        // Downgrade scripts are cached per direction.
        var down1 = await p.Retort("downgrade", "--sql", "head:base");
        var down2 = await p.Retort("downgrade", "--sql", "head:base");
        Assert.Equal(WithoutHistoryTimes(down1.Stdout), WithoutHistoryTimes(down2.Stdout));
        Assert.Contains("DROP TABLE t1;", down2.Stdout);
        Assert.True(File.Exists(sqlCache));
    }
}
