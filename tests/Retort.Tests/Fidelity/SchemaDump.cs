using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Retort.Tests.Fidelity;

/// <summary>
/// The second reference: the database's own dump tool (pg_dump --schema-only, mariadb-dump --no-data, sqlite3 .schema),
/// normalized to one statement per line without comments, SET lines or AUTO_INCREMENT counters (SQLite's, which keeps
/// the CREATE text as written, also without quoting differences: <see cref="SqliteDdl.Canonical"/>), and compared as
/// multisets of statements (two dumps list the same objects in an order of their own making).
/// </summary>
public static partial class SchemaDump
{
    /// <summary>The dump; on PostgreSQL of <paramref name="schemas"/> (default: public only).</summary>
    public static async Task<List<string>> ReadAsync(FidelityDatabase db, IReadOnlyCollection<string>? ignoredTables = null, IReadOnlyCollection<string>? schemas = null)
    {
        var ignored = ignoredTables ?? CatalogSnapshot.DefaultIgnoredTables;
        var (file, args, env) = db.Dialect switch
        {
            "postgresql" => ("pg_dump", new List<string> { "--schema-only", "--no-owner", "--no-privileges", db.ClientUrl }
                .Concat((schemas ?? ["public"]).Select(s => "--schema=" + s))
                .Concat(ignored.Select(t => "--exclude-table=public." + t)).ToList(), new Dictionary<string, string>()),
            "mysql" => ("mariadb-dump", new List<string> { "--no-defaults", "--no-data", "--skip-comments", "--skip-add-drop-table", "--skip-dump-date", "--routines", "--triggers", "--events",
                    "-h", db.Host, "-P", db.Port, "-u", db.User, db.DatabaseName }
                .Concat(ignored.Select(t => $"--ignore-table={db.DatabaseName}.{t}")).ToList(), new Dictionary<string, string> { ["MYSQL_PWD"] = db.Password }),
            "sqlite" => ("sqlite3", new List<string> { db.DatabaseName, ".schema" }, new Dictionary<string, string>()),
            _ => throw new ArgumentException(db.Dialect),
        };
        var output = await RunAsync(file, args, env);
        return Normalize(db.Dialect, output, ignored);
    }

    public static List<string> Normalize(string dialect, string dump, IReadOnlyCollection<string> ignoredTables)
    {
        var lines = dump.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.StartsWith("--", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("SET ", StringComparison.Ordinal) && !l.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal)) // pg_dump 15.14+: random key per run
            .Where(l => !VersionedSet().IsMatch(l))
            .Where(l => !l.StartsWith("DELIMITER", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("/*M!999999", StringComparison.Ordinal)) // mariadb-dump's "enable the sandbox mode" marker
            .Select(l => AutoIncrement().Replace(l, ""));
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0) continue;
            current.Add(line.Trim());
            if (line.TrimEnd().EndsWith(';') || line.TrimEnd().EndsWith(";;", StringComparison.Ordinal))
            {
                statements.Add(string.Join("\n", current)); // newlines kept: a trailing -- comment must end at its line
                current.Clear();
            }
        }
        if (current.Count > 0) statements.Add(string.Join("\n", current));
        // sqlite3 .schema prints every table, Retort's own and the internal sqlite_sequence included.
        return statements
            .Select(s => dialect == "sqlite" ? SqliteDdl.Canonical(s) : CatalogQuery.Squash(s))
            .Where(s => !ignoredTables.Any(t => Regex.IsMatch(s, $@"^CREATE TABLE (IF NOT EXISTS )?[""`\[]?{Regex.Escape(t)}[""`\]]?[ (]")))
            .Where(s => !(dialect == "sqlite" && s.StartsWith("CREATE TABLE sqlite_sequence", StringComparison.Ordinal)))
            .Where(s => !(dialect == "sqlite" && ignoredTables.Any(t => Regex.IsMatch(s, $@"^CREATE (UNIQUE )?INDEX .* ON [""`\[]?{Regex.Escape(t)}[""`\]]?[ (]"))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Statements one dump has and the other lacks, one line each.</summary>
    public static List<string> Compare(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var onlyA = Minus(a, b);
        var onlyB = Minus(b, a);
        return onlyA.Select(s => "dump: only in A: " + s).Concat(onlyB.Select(s => "dump: only in B: " + s)).ToList();
    }

    private static List<string> Minus(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        var remaining = y.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var s in x)
        {
            if (remaining.TryGetValue(s, out var n) && n > 0) remaining[s] = n - 1;
            else result.Add(s);
        }
        return result;
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string> env)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"^/\*!\d+ SET .*\*/;$")]
    private static partial Regex VersionedSet();

    [GeneratedRegex(@" AUTO_INCREMENT=\d+")]
    private static partial Regex AutoIncrement();
}
