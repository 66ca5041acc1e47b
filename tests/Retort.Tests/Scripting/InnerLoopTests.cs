using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Retort.Scripting;
using Retort.Tests.Cli;
using Retort.Tests.RealWork;

namespace Retort.Tests.Scripting;

/// <summary>
/// The inner loop of a 1000-revision project, through the real CLI: after the first compile, adding or editing one
/// revision compiles that one file (a patch beside its bucket's whole assembly), and the next command runs the new
/// code. What was compiled is read from the cache itself: each new assembly's own type table, and the record of the
/// files it was compiled from.
/// </summary>
public class InnerLoopTests
{
    private const int Count = 1000;

    private static string Id(int i) => $"r{i:D4}";

    private static string Revision(int i, string table) => $$"""
        using Retort;

        [Revision("{{Id(i)}}"{{(i == 1 ? "" : $", DownRevision = \"{Id(i - 1)}\"")}}, Message = "rev {{i}}")]
        public sealed class Rev_{{Id(i)}} : Migration
        {
            public override void Upgrade(Operations op) => op.Execute("CREATE TABLE {{table}} (id INTEGER)");
            public override void Downgrade(Operations op) => op.Execute("DROP TABLE {{table}}");
        }
        """;

    private static string File(int i) => $"migrations/versions/{Id(i)}_rev.cs";

    [Fact]
    public async Task Adding_or_editing_one_revision_compiles_that_file_only_and_the_next_command_runs_it()
    {
        using var dir = new TempDir();
        using var p = await EnvProject.CreateAsync($"sqlite:///{dir["app.db"]}");
        for (var i = 1; i <= Count; i++) p.Write(File(i), Revision(i, $"t{i}"));
        var cache = p["migrations/.retort-cache"];

        var first = await p.Retort("upgrade", "head", "--sql");
        Assert.True(first.ExitCode == 0, first.ToString());
        var whole = Dlls(cache);
        Assert.Equal(Count, whole.Where(d => d.Contains("revisions", StringComparison.Ordinal)).Sum(d => CompiledRevisionTypes(d).Count));

        // Edit one revision: one file compiled, and the next command has the edit.
        p.Write(File(500), Revision(500, "edited_500"));
        var edited = await p.Retort("upgrade", "head", "--sql");
        Assert.True(edited.ExitCode == 0, edited.ToString());
        Assert.Contains("CREATE TABLE edited_500 (id INTEGER)", edited.Stdout);
        Assert.DoesNotContain("CREATE TABLE t500 (id INTEGER)", edited.Stdout);
        var patch = Assert.Single(Dlls(cache).Except(whole));
        Assert.Equal(["Rev_r0500"], CompiledRevisionTypes(patch));
        Assert.Equal([Path.GetFileName(File(500))], CompiledFiles.Read(patch)!.Files.Select(f => f.Name));
        Assert.NotNull(CompiledFiles.Read(patch)!.Base);

        // Edit it again: again one file, against the same whole assembly; the earlier patch is gone.
        p.Write(File(500), Revision(500, "again_500"));
        Assert.Equal(0, (await p.Retort("upgrade", "head", "--sql")).ExitCode);
        var again = Assert.Single(Dlls(cache).Except(whole));
        Assert.NotEqual(patch, again);
        Assert.Equal(["Rev_r0500"], CompiledRevisionTypes(again));

        // Add one on top: one more file compiled (its own bucket's patch).
        p.Write(File(Count + 1), Revision(Count + 1, "added"));
        var added = await p.Retort("upgrade", "head", "--sql");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("CREATE TABLE added (id INTEGER)", added.Stdout);
        var patches = Dlls(cache).Except(whole).ToList();
        Assert.Contains(patches, d => CompiledRevisionTypes(d).SequenceEqual([$"Rev_{Id(Count + 1)}"]));
        Assert.Equal(2, patches.Sum(d => CompiledRevisionTypes(d).Count));

        // Online, the patch's class runs, not the whole assembly's older one with the same id; the rest come from it.
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        var tables = await TablesAsync(dir["app.db"]);
        Assert.Contains("again_500", tables);
        Assert.Contains("t499", tables);
        Assert.Contains("added", tables);
        Assert.DoesNotContain("t500", tables);
        Assert.DoesNotContain("edited_500", tables);
    }

    private static List<string> Dlls(string cache) => Directory.GetFiles(cache, "*.dll").Order(StringComparer.Ordinal).ToList();

    /// <summary>The revision classes an assembly of the cache defines, read from its metadata (nothing is loaded).</summary>
    private static List<string> CompiledRevisionTypes(string dll)
    {
        using var pe = new PEReader(System.IO.File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        return md.TypeDefinitions.Select(h => md.GetString(md.GetTypeDefinition(h).Name)).Where(n => n.StartsWith("Rev_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> TablesAsync(string file)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
