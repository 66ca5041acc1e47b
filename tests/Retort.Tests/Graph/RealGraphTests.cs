using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retort.Commands;
using Retort.Configuration;
using Retort.Runtime;
using Xunit.Abstractions;

namespace Retort.Tests.Graph;

/// <summary>
/// The differential harness: real revision graphs of public projects (tests/alembic-compare/graphs) run through real
/// Alembic 1.8.1 (tests/alembic-compare/alembic_steps.py, one Python process per graph) and through Retort (this
/// process, one <see cref="RetortCommands"/> per graph), with the same sorted load order, on SQLite files. After every
/// command: failure or success, the "Running ..." lines in order, what read commands print, and the version rows.
/// </summary>
public class RealGraphTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int> Graphs => new()
    {
        { "superset", 1, 200 },  // apache/superset: 339 revisions, 32 merge points
        { "neutron", 2, 240 },   // openstack/neutron: expand/contract branch labels, depends_on across them
        { "warehouse", 3, 60 },  // pypi/warehouse: 288 revisions, two merges
        { "dispatch", 4, 60 },   // Netflix/dispatch: 153 revisions, two merges
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public async Task Every_step_matches_real_Alembic(string graph, int seed, int steps)
    {
        var repo = RepoRoot();
        var graphFile = Path.Combine(repo, "tests", "alembic-compare", "graphs", graph + ".json");
        // SQLite on a memory file system when there is one: both tools commit once per command, and fsync would
        // otherwise be most of the run time.
        var work = Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", $"retort-graph-{graph}-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory($"retort-graph-{graph}-").FullName;
        try
        {
            WriteRetortProject(graphFile, work);
            var alembic = RunAlembic(repo, graphFile, work, seed, steps);
            var (compared, differences) = await ReplayAsync(work, alembic);
            var summary = $"{graph}: {compared} steps compared with Alembic, {differences.Count(d => d.Deliberate)} deliberate differences, {differences.Count(d => !d.Deliberate)} mismatches";
            output.WriteLine(summary);
            foreach (var d in differences) output.WriteLine((d.Deliberate ? "deliberate: " : "MISMATCH: ") + d.Text);
            // tests/alembic-compare/compare.py (run by scripts/test.sh after the suite) prints these summaries.
            var results = Directory.CreateDirectory(Path.Combine(repo, "tests", "alembic-compare", ".results")).FullName;
            File.WriteAllText(Path.Combine(results, graph + ".txt"), summary + Environment.NewLine);
            var mismatches = differences.Where(d => !d.Deliberate).Select(d => d.Text).Take(15).ToList();
            Assert.True(mismatches.Count == 0, summary + "\n" + string.Join("\n", mismatches));
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Difference(bool Deliberate, string Text);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Retort.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Retort.slnx not found above the test assembly.");
    }

    /// <summary>The same graph as no-op C# revisions; file names keep the original names, so they sort alike.</summary>
    private static void WriteRetortProject(string graphFile, string work)
    {
        var root = Path.Combine(work, "retort");
        InitCommand.Init(Path.Combine(root, "migrations"), "generic", Path.Combine(root, "retort.toml"), TextWriter.Null);
        using var doc = JsonDocument.Parse(File.ReadAllText(graphFile));
        var n = 0;
        foreach (var rev in doc.RootElement.GetProperty("revisions").EnumerateArray())
        {
            var file = rev[0].GetString()!;
            var id = rev[1].GetString()!;
            string[] List(int i) => rev[i].EnumerateArray().Select(e => e.GetString()!).ToArray();
            var args = new List<string> { Quote(id) };
            var down = List(2);
            if (down.Length == 1) args.Add($"DownRevision = {Quote(down[0])}");
            else if (down.Length > 1) args.Add($"DownRevisions = new[] {{ {string.Join(", ", down.Select(Quote))} }}");
            if (List(3) is { Length: > 0 } labels) args.Add($"BranchLabels = new[] {{ {string.Join(", ", labels.Select(Quote))} }}");
            if (List(4) is { Length: > 0 } deps) args.Add($"DependsOn = new[] {{ {string.Join(", ", deps.Select(Quote))} }}");
            args.Add($"Message = {Quote("rev " + id)}");
            var stem = file.EndsWith(".py", StringComparison.Ordinal) ? file[..^3] : file;
            File.WriteAllText(Path.Combine(root, "migrations", "versions", stem + ".cs"),
                $"using Retort;\n\n[Revision({string.Join(", ", args)})]\npublic sealed class Rev{n++:D4} : Migration\n{{\n" +
                "    public override void Upgrade(Operations op) { }\n\n    public override void Downgrade(Operations op) { }\n}\n");
        }
    }

    private static string Quote(string s) => "\"" + s + "\"";

    private static List<JsonElement> RunAlembic(string repo, string graphFile, string work, int seed, int steps)
    {
        var python = "/usr/bin/python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(repo, "tests", "alembic-compare", "alembic_steps.py"), graphFile, work, seed.ToString(), steps.ToString() },
        };
        using var p = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = new List<JsonElement>();
        while (p.StandardOutput.ReadLine() is { } line)
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"real Alembic (python3-alembic, needed by this test) failed: {stderr.Result}");
        return lines;
    }

    private sealed class CapturingLog : IMigrationLog
    {
        public List<string> Lines { get; } = [];

        public void Info(string message)
        {
            if (message.StartsWith("Running ", StringComparison.Ordinal)) Lines.Add(message);
        }

        public void Warning(string message) { }
    }

    private static async Task<(int Compared, List<Difference> Differences)> ReplayAsync(string work, List<JsonElement> alembic)
    {
        var root = Path.Combine(work, "retort");
        var db = Path.Combine(root, "app.db");
        var config = new RetortConfig { BaseDirectory = root, Url = "sqlite:///app.db", ScriptLocation = "migrations" };
        var printed = new StringWriter();
        var log = new CapturingLog();
        var retort = new RetortCommands(config, printed, log);
        await retort.EnsureVersionAsync();
        var differences = new List<Difference>();
        var compared = 0;
        List<string> previousRows = [];
        var overlapWritten = false;
        foreach (var step in alembic)
        {
            var args = step.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
            printed.GetStringBuilder().Clear();
            log.Lines.Clear();
            string? error = null;
            try { await RunAsync(retort, args); }
            catch (RetortException e) { error = e.Message; }
            var rows = Rows(db);
            var aOk = step.GetProperty("ok").GetBoolean();
            var aError = step.GetProperty("error").GetString();
            var aLines = Strings(step, "lines");
            var aRows = Strings(step, "rows");
            var aOut = Strings(step, "stdout");
            var rOut = printed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            var command = string.Join(' ', args);
            compared++;

            var alembicRowsInconsistent = retort.Map.Inconsistency(aRows) is not null;
            var deliberateRows = false;
            string? why = null;
            if (aOk != (error is null)) why = $"Alembic {(aOk ? "succeeded" : "failed: " + aError)}, Retort {(error is null ? "succeeded" : "failed: " + error)}";
            else if (!aLines.Select(SortStampFrom).SequenceEqual(log.Lines.Select(SortStampFrom))) why = "different steps: " + FirstDifference(aLines, log.Lines);
            else if (!aRows.SequenceEqual(rows))
            {
                why = $"version rows alembic [{string.Join(", ", aRows)}] retort [{string.Join(", ", rows)}]";
                // Downgrading a revision whose depends_on is implied by its own down revision: Alembic writes both
                // rows (and its next upgrade refuses them as overlapping); Retort writes the tip only.
                if (alembicRowsInconsistent && rows.SequenceEqual(Tips(retort.Map, aRows))) deliberateRows = true;
            }
            else if (!SameOutput(args[0], aOut, rOut)) why = "different output: " + FirstDifference(aOut, rOut);
            if (why is not null)
                differences.Add(new Difference(deliberateRows || Deliberate(step, aError, error, previousRows, retort.Map, overlapWritten), $"{command}: {why}"));
            if (!aRows.SequenceEqual(rows)) Resync(db, aRows);
            // Overlapping rows count as Alembic's doing only when its own stamp of overlapping revisions wrote
            // them; overlapping rows after any other step would be Retort refusing a state Alembic really makes.
            if (alembicRowsInconsistent && (deliberateRows || (args[0] == "stamp" && error is not null && error.StartsWith("Cannot stamp both", StringComparison.Ordinal))))
                overlapWritten = true;
            else if (!alembicRowsInconsistent)
                overlapWritten = false;
            previousRows = aRows;
        }
        return (compared, differences);
    }

    /// <summary>
    /// Where Alembic itself crashes or picks arbitrarily, Retort answers deliberately; those steps are counted apart.
    /// </summary>
    private static bool Deliberate(JsonElement step, string? alembicError, string? retortError, List<string> before, Retort.Graph.RevisionMap map, bool overlapWritten)
    {
        var args = Strings(step, "args");
        // Alembic reads on from a version table where one row is an ancestor of another (its own multi-revision
        // stamp writes such tables); Retort refuses every command that plans from one, naming the rows.
        if (retortError is not null && retortError.Contains("version table is inconsistent", StringComparison.Ordinal) && map.Inconsistency(before) is not null && overlapWritten)
            return true;
        // stamp of overlapping revisions: Alembic writes an inconsistent table, Retort refuses.
        if (args[0] == "stamp" && retortError is not null && retortError.StartsWith("Cannot stamp both", StringComparison.Ordinal))
            return true;
        // Alembic 1.8.1's stamp of several revisions fails inside its head maintainer (KeyError) or asserts when the
        // version table has heads both above and below a target; Retort stamps them.
        if (alembicError is not null && (alembicError.StartsWith("KeyError", StringComparison.Ordinal) || alembicError.StartsWith("AssertionError", StringComparison.Ordinal)))
            return true;
        // `downgrade -1` with several heads: Alembic warns and walks from whichever row the database returns first.
        if (Strings(step, "warnings").Count > 0 && retortError is not null) return true;
        return false;
    }

    private static bool SameOutput(string command, List<string> alembic, List<string> retort) => command switch
    {
        // Alembic prints branches' children and current's revisions in Python set order, which changes from run to
        // run (string hashing is randomized); these compare as sets of lines.
        "heads" or "branches" or "current" => alembic.Where(l => l.Length > 0).Order(StringComparer.Ordinal).SequenceEqual(retort.Order(StringComparer.Ordinal)),
        "upgrade" or "downgrade" or "stamp" => true, // --sql scripts differ in table names; their steps are compared
        _ => alembic.SequenceEqual(retort),
    };

    /// <summary>"Running stamp_revision a, b -> c" lists the replaced rows in the order the database returned them,
    /// which neither tool fixes (no ORDER BY); compare them as a set.</summary>
    private static string SortStampFrom(string line)
    {
        const string prefix = "Running stamp_revision ";
        var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || arrow < 0) return line;
        var from = line[prefix.Length..arrow].Split(", ").Order(StringComparer.Ordinal);
        return prefix + string.Join(", ", from) + line[arrow..];
    }

    /// <summary>The rows no other row implies (through down revisions or depends_on).</summary>
    private static List<string> Tips(Retort.Graph.RevisionMap map, List<string> rows) =>
        rows.Where(r => !rows.Any(o => o != r && map.Walk(o).Any(a => a.Id == r))).ToList();

    private static string FirstDifference(List<string> alembic, List<string> retort)
    {
        var i = 0;
        while (i < alembic.Count && i < retort.Count && alembic[i] == retort[i]) i++;
        return $"{alembic.Count} vs {retort.Count} lines, first difference at line {i + 1}: alembic '{(i < alembic.Count ? alembic[i] : "(end)")}' retort '{(i < retort.Count ? retort[i] : "(end)")}'";
    }

    private static List<string> Strings(JsonElement step, string name) =>
        step.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task RunAsync(RetortCommands retort, List<string> args)
    {
        var sql = args.Remove("--sql");
        var purge = args.Remove("--purge");
        switch (args[0])
        {
            case "upgrade": await retort.UpgradeAsync(args[1], sql); break;
            case "downgrade": await retort.DowngradeAsync(args[1], sql); break;
            case "stamp": await retort.StampAsync(args.Skip(1).ToList(), purge, sql); break;
            case "history": await retort.HistoryAsync(args.Count > 2 ? args[2] : null); break;
            case "heads": retort.Heads(); break;
            case "branches": retort.Branches(); break;
            case "current": await retort.CurrentAsync(); break;
            default: throw new InvalidOperationException(args[0]);
        }
    }

    private static List<string> Rows(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version_num FROM retort_version";
        var rows = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) rows.Add(r.GetString(0));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>After a difference, the next step starts from Alembic's rows again, so one difference is counted once.</summary>
    private static void Resync(string db, List<string> rows)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        var sql = new StringBuilder("DELETE FROM retort_version;");
        foreach (var row in rows) sql.Append($"INSERT INTO retort_version (version_num) VALUES ('{row}');");
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql.ToString();
        cmd.ExecuteNonQuery();
    }
}
