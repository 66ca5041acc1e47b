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
    /// <summary>
    /// <paramref name="Lines"/>: the round trip's differences and failed steps. <paramref name="PastOrder"/>: the
    /// catalog differences when the same Downgrade SQL (<c>downgrade --sql</c>) is applied order-tolerantly (foreign-key
    /// checks off on MariaDB, failed statements retried until no progress), so that what is lost beyond creation order
    /// shows up before the order itself is fixed. A diagnostic for the work list; the test asserts on Lines only.
    /// </summary>
    public sealed record Result(string Dialect, string Schema, List<string> Lines, List<string> PastOrder)
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

    public static Task<Result> RunAsync(string dialect, string schema) => RunFileAsync(dialect, SampleSchemas.File(dialect, schema));

    /// <summary>The round trip of one schema file (a sample schema, or a whole one from <see cref="SampleSchemas.Whole"/>).</summary>
    public static async Task<Result> RunFileAsync(string dialect, string file)
    {
        var schema = Path.GetFileNameWithoutExtension(file);
        var lines = new List<string>();
        await using var a = await FidelityDatabase.CreateAsync(dialect);
        await using var b = await FidelityDatabase.CreateAsync(dialect);
        using var project = new TempDir();
        await a.LoadAsync(file);
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
        var pastOrder = new List<string>();
        if (revision is not null)
        {
            await using var c = await FidelityDatabase.CreateAsync(dialect);
            var sql = await CliRunner.RunAsync(project.Path, "-q", "downgrade", "--sql", revision + ":base");
            if (sql.ExitCode != 0) pastOrder.Add($"step.offline\tretort downgrade --sql exited {sql.ExitCode}");
            else
            {
                foreach (var failure in await ApplyOrderTolerantAsync(c, Statements(sql.Stdout)))
                    pastOrder.Add($"step.statement\t{failure}");
                foreach (var d in CatalogSnapshot.Compare(snapshotA, await c.SnapshotAsync()))
                    pastOrder.Add($"{d.Category}\t{d}");
            }
        }

        // The generated Upgrade on the original database: it must drop everything, in an order the database accepts.
        if (revision is not null && await Step(project.Path, lines, "upgrade", "upgrade", "head"))
            foreach (var table in (await a.SnapshotAsync()).Subjects("table"))
                lines.Add($"step.upgrade\tupgrade head on A left {table}");
        return new Result(dialect, schema, lines, pastOrder);
    }

    /// <summary>The statements of an offline script, without transaction control, comments and version-table bookkeeping.</summary>
    private static List<string> Statements(string script) =>
        StatementEnd().Split(script.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(s => string.Join("\n", s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0 && !TransactionControl().IsMatch(s) && !s.Contains("retort_version", StringComparison.Ordinal))
            .ToList();

    /// <summary>Runs each statement; a failed one is retried after the others until a pass makes no progress.</summary>
    private static async Task<List<string>> ApplyOrderTolerantAsync(FidelityDatabase db, List<string> statements)
    {
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        if (db.Dialect == "mysql") await ExecAsync(c, "SET FOREIGN_KEY_CHECKS = 0");
        var pending = statements;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var failed = new List<string>();
            foreach (var statement in pending)
            {
                try { await ExecAsync(c, statement); }
                catch (System.Data.Common.DbException e) { failed.Add(statement); errors[statement] = CatalogQuery.Squash(e.Message); }
            }
            if (failed.Count == pending.Count) break;
            pending = failed;
        }
        return pending.Select(s => $"{errors[s]} in: {CatalogQuery.Squash(s)}").ToList();
    }

    private static async Task ExecAsync(System.Data.Common.DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@";\s*\n")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"^(BEGIN|COMMIT|START TRANSACTION)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TransactionControl();

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
