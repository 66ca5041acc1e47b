using System.Text.RegularExpressions;
using Retort.Tests.Cli;

namespace Retort.Tests.Fidelity;

/// <summary>
/// The schema-fidelity round trip, driven through the real CLI as a separate process:
/// load a real schema into database A; <c>retort revision --autogenerate</c> against an EMPTY target model (so the
/// revision's Upgrade drops everything and its Downgrade recreates it); on an empty database B <c>retort stamp</c> that
/// revision and <c>retort downgrade base</c> (the recreation); compare A and B by catalog and by dump; finally
/// <c>retort upgrade head</c> on A must succeed and leave no table behind.
/// </summary>
public static partial class RoundTrip
{
    public sealed record Result(string Dialect, string Schema, List<string> Lines)
    {
        /// <summary>Each line is "category<TAB>text"; the category groups them for the report.</summary>
        public IEnumerable<string> Texts => Lines.Select(l => l[(l.IndexOf('\t') + 1)..]);

        public override string ToString() => $"{Dialect}/{Schema}: {Lines.Count} difference(s)\n" + string.Join("\n", Texts);
    }

    // env.cs written by the harness: an empty target model, and -x url=… to point a command at database B.
    private const string EnvFile = """
        using Retort;

        public sealed class Env : MigrationEnvironment
        {
            public override void Configure(EnvironmentContext context)
            {
                if (context.XArgs.TryGetValue("url", out var url))
                    context.Url = url;
                // An empty model: autogenerate's Upgrade drops the whole schema and its Downgrade recreates it.
                context.TargetModel = new Retort.Schema.MetaData();
            }
        }
        """;

    public static async Task<Result> RunAsync(string dialect, string schema)
    {
        var lines = new List<string>();
        await using var a = await FidelityDatabase.CreateAsync(dialect);
        await using var b = await FidelityDatabase.CreateAsync(dialect);
        using var project = new TempDir();
        await a.LoadAsync(SampleSchemas.File(dialect, schema));
        var snapshotA = await a.SnapshotAsync();
        var dumpA = await SchemaDump.ReadAsync(a);

        var revision = await GenerateAsync(project.Path, a.Url, lines);
        if (revision is not null)
        {
            await Step(project.Path, lines, "stamp", "-x", "url=" + b.Url, "stamp", revision);
            await Step(project.Path, lines, "downgrade", "-x", "url=" + b.Url, "downgrade", "base");
        }
        foreach (var d in CatalogSnapshot.Compare(snapshotA, await b.SnapshotAsync()))
            lines.Add($"{d.Category}\t{d}");
        foreach (var d in SchemaDump.Compare(dumpA, await SchemaDump.ReadAsync(b)))
            lines.Add($"dump\t{d}");

        // The generated Upgrade on the original database: it must drop everything, in an order the database accepts.
        if (revision is not null && await Step(project.Path, lines, "upgrade", "upgrade", "head"))
            foreach (var table in (await a.SnapshotAsync()).Subjects("table"))
                lines.Add($"step.upgrade\tupgrade head on A left {table}");
        return new Result(dialect, schema, lines);
    }

    /// <summary>retort init, the harness's env.cs and URL, then revision --autogenerate; returns the revision id.</summary>
    private static async Task<string?> GenerateAsync(string dir, string url, List<string> lines)
    {
        if (!await Step(dir, lines, "init", "init", "migrations")) return null;
        var toml = Path.Combine(dir, "retort.toml");
        File.WriteAllText(toml, UrlLine().Replace(File.ReadAllText(toml), $"url = \"{url}\"", 1));
        File.WriteAllText(Path.Combine(dir, "migrations", "env.cs"), EnvFile);
        if (!await Step(dir, lines, "autogenerate", "revision", "--autogenerate", "-m", "roundtrip")) return null;
        var file = Directory.GetFiles(Path.Combine(dir, "migrations", "versions"), "*_roundtrip.cs").SingleOrDefault();
        var id = file is null ? null : RevisionId().Match(File.ReadAllText(file));
        if (id is null || !id.Success)
        {
            lines.Add("step.autogenerate\trevision --autogenerate wrote no readable revision file");
            return null;
        }
        return id.Groups[1].Value;
    }

    private static async Task<bool> Step(string dir, List<string> lines, string name, params string[] args)
    {
        var r = await CliRunner.RunAsync(dir, args);
        if (r.ExitCode == 0) return true;
        var failed = r.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("FAILED", StringComparison.Ordinal)) ?? r.All.Trim().Split('\n').LastOrDefault() ?? "";
        lines.Add($"step.{name}\tretort {string.Join(' ', args.Where(a => !a.StartsWith("url=", StringComparison.Ordinal)))} exited {r.ExitCode}: {failed.Trim()}");
        return false;
    }

    [GeneratedRegex(@"(?m)^url = .*$")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"\[Revision\(""([0-9a-zA-Z]+)""")]
    private static partial Regex RevisionId();
}
