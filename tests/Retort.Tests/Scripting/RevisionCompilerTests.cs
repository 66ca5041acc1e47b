using Retort.Scripting;
using Retort.Tests.Cli;

namespace Retort.Tests.Scripting;

public class RevisionCompilerTests
{
    private const string Good = """
        using Retort;
        [Revision("aaaa00000001")]
        public sealed class First : Migration
        {
            public override void Upgrade(Operations op) => op.Execute("CREATE TABLE t (id INTEGER)");
            public override void Downgrade(Operations op) => op.DropTable("t");
        }
        """;

    [Fact]
    public void Compiles_revisions_and_reuses_the_cached_assembly()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["a.cs"], Good);
        var cache = dir["cache"];
        var first = RevisionCompiler.CompileAll([dir["a.cs"]], [], cache);
        var dlls = Directory.GetFiles(cache, "*.dll");
        Assert.Single(dlls);
        var stamp = File.GetLastWriteTimeUtc(dlls[0]);

        var second = RevisionCompiler.CompileAll([dir["a.cs"]], [], cache);
        Assert.Same(first.Single(), second.Single());
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Directory.GetFiles(cache, "*.dll").Single()));

        var source = RevisionSource.FromAssemblies(first);
        var ops = new Operations();
        source.Create(new Retort.Graph.Revision("aaaa00000001", [], [], [], "")).Upgrade(ops);
        var op = Assert.IsType<Retort.Ops.ExecuteSqlOperation>(ops.Recorded.Single());
        Assert.Equal("CREATE TABLE t (id INTEGER)", op.Sql);
    }

    [Fact]
    public void A_changed_file_is_recompiled_and_the_stale_entry_removed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["a.cs"], Good);
        var cache = dir["cache"];
        RevisionCompiler.CompileAll([dir["a.cs"]], [], cache);
        var before = Directory.GetFiles(cache, "*.dll").Single();
        File.WriteAllText(dir["a.cs"], Good.Replace("id INTEGER", "id BIGINT"));
        RevisionCompiler.CompileAll([dir["a.cs"]], [], cache);
        var after = Directory.GetFiles(cache, "*.dll").Single();
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Compile_errors_name_file_line_column_and_code()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.cs"], Good.Replace("op.DropTable(\"t\");", "op.DropTable(\"t\")"));
        var e = Assert.Throws<CompilationFailedException>(() => RevisionCompiler.CompileAll([dir["bad.cs"]], [], dir["cache"]));
        var line = Assert.Single(e.Diagnostics);
        Assert.Matches(@"bad\.cs\(6,\d+\): error CS1002: ; expected$", line);
        Assert.False(Directory.Exists(dir["cache"]) && Directory.GetFiles(dir["cache"], "*.dll").Length > 0);
    }
}
