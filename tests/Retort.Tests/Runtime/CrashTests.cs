using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Retort.Tests.Runtime;

/// <summary>
/// kill -9 of the real CLI at random points of a slow revision, then: the version table, the schema and the history
/// agree, and the next command recovers (or, on MariaDB, names the interrupted revision and how far it got, and
/// repair + upgrade recovers). RETORT_CHAOS_KILLS sets the kills per database (default 3; scripts/chaos.sh runs more),
/// RETORT_CHAOS_SEED the random seed (printed on failure).
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Steps = 10; // revision 2: Steps x (CREATE TABLE, INSERT, sleep)

    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("RETORT_CHAOS_KILLS"), out var n) ? n : 3;

    public static TheoryData<string, bool> Variants() => new()
    {
        { "sqlite", false }, { "postgresql", false }, { "mysql", false }, { "mysql", true },
    };

    private static string Sleep(string dialect) => dialect switch
    {
        "postgresql" => "SELECT pg_sleep(0.15)",
        "mysql" => "DO SLEEP(0.15)",
        // SQLite has no sleep: a recursive count of about the same duration.
        _ => "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) FROM c",
    };

    private static (string, string)[] Revisions(string dialect, bool idempotent)
    {
        var slow = new System.Text.StringBuilder();
        for (var i = 1; i <= Steps; i++)
        {
            slow.Append(idempotent
                ? $"op.Execute(\"CREATE TABLE IF NOT EXISTS s{i} (id INTEGER PRIMARY KEY)\"); op.Execute(\"REPLACE INTO s{i} VALUES ({i})\"); "
                : $"op.Execute(\"CREATE TABLE s{i} (id INTEGER PRIMARY KEY)\"); op.Execute(\"INSERT INTO s{i} VALUES ({i})\"); ");
            slow.Append($"op.Execute(\"{Sleep(dialect)}\");\n");
        }
        return
        [
            ("op.Execute(\"CREATE TABLE base1 (id INTEGER PRIMARY KEY)\");", ""),
            (slow.ToString(), idempotent ? ", Idempotent = true" : ""),
            ("op.Execute(\"CREATE TABLE final3 (id INTEGER PRIMARY KEY)\");", ""),
        ];
    }

    /// <summary>What the database holds: the version row, the tables (with their row counts) and unfinished revisions.</summary>
    private sealed record State(int? Version, Dictionary<string, int> Tables, List<(int Revision, int Statements, int Completed)> Started)
    {
        public override string ToString() =>
            $"version {Version?.ToString() ?? "none"}; tables {string.Join(", ", Tables.OrderBy(t => t.Key).Select(t => $"{t.Key}({t.Value})"))}; " +
            $"started {string.Join(", ", Started.Select(s => $"rev {s.Revision}: {s.Completed}/{s.Statements}"))}";
    }

    private static async Task<State> ReadStateAsync(TestDatabase db)
    {
        var all = await CatalogReader.TablesAsync(db);
        var tables = new Dictionary<string, int>();
        foreach (var t in all.Where(t => t.StartsWith('s') || t is "base1" or "final3"))
            tables[t] = int.Parse((await db.QueryAsync($"SELECT COUNT(*) FROM {t}"))[0]);
        int? version = all.Contains("retort_version") && await db.QueryAsync("SELECT version_num FROM retort_version") is [var v]
            ? int.Parse(v[1..]) : null;
        var started = all.Contains("retort_version_history")
            ? (await db.QueryAsync("SELECT revision, statements, completed FROM retort_version_history WHERE status = 'started' ORDER BY id"))
                .Select(r => r.Split('|')).Select(r => (int.Parse(r[0][1..]), int.Parse(r[1]), int.Parse(r[2]))).ToList()
            : [];
        return new State(version, tables, started);
    }

    /// <summary>The tables revisions 1..<paramref name="version"/> create, each with the rows it inserts.</summary>
    private static Dictionary<string, int> TablesUpTo(int? version)
    {
        var t = new Dictionary<string, int>();
        if (version >= 1) t["base1"] = 0;
        if (version >= 2) for (var i = 1; i <= Steps; i++) t[$"s{i}"] = 1;
        if (version >= 3) t["final3"] = 0;
        return t;
    }

    /// <summary>
    /// Consistency after a kill. Transactional databases: exactly the tables of the revisions the version row covers.
    /// MariaDB: the same, plus the first <c>completed</c> statements of a revision left "started"; the next one may
    /// or may not have taken effect; none after it.
    /// </summary>
    private static void AssertConsistent(State s, bool transactional)
    {
        if (transactional || s.Started.Count == 0)
        {
            Assert.Empty(s.Started);
            Assert.Equal(TablesUpTo(s.Version), s.Tables);
            return;
        }
        var (rev, statements, completed) = Assert.Single(s.Started);
        Assert.Equal((s.Version ?? 0) + 1, rev);
        var rest = s.Tables.Where(t => !TablesUpTo(s.Version).ContainsKey(t.Key)).ToDictionary();
        foreach (var t in TablesUpTo(s.Version)) Assert.Equal(t.Value, s.Tables[t.Key]);
        if (rev == 3)
        {
            Assert.Equal(1, statements);
            Assert.True(rest.Keys.All(k => k == "final3"), s.ToString());
            return;
        }
        Assert.Equal(3 * Steps, statements);
        for (var j = 0; j < statements; j++)
        {
            var table = $"s{j / 3 + 1}";
            var kind = j % 3;
            bool? effect = kind == 0 ? rest.ContainsKey(table)
                : kind == 1 ? rest.TryGetValue(table, out var rows) && rows == 1
                : null;
            if (effect is null || j == completed) continue; // a sleep; or the statement that may have run
            Assert.True(effect == j < completed, $"statement {j + 1} of rev 2 ({(j % 3 == 0 ? "CREATE" : "INSERT")} {table}) with {completed} completed: {s}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Kill_9_at_random_points_then_consistency_and_recovery(string dialect, bool idempotent)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RETORT_CHAOS_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"RETORT_CHAOS_SEED={seed}");
        var random = new Random(seed);
        var transactional = dialect != "mysql";
        var interrupted = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var db = await TestDatabase.CreateAsync(dialect);
            using var p = new ScriptedProject(db.Url, Revisions(dialect, idempotent));
            using (var run = CliProcess.Start(p.Path, "upgrade", "head"))
            {
                await run.WaitForLineAsync($"Running upgrade {ScriptedProject.Id(1)} -> {ScriptedProject.Id(2)}").WaitAsync(TimeSpan.FromSeconds(120));
                await Task.Delay(random.Next(0, 2200));
                await run.KillAsync();
            }
            var state = await ReadStateAsync(db);
            output.WriteLine($"kill {kill + 1}: {state}");
            AssertConsistent(state, transactional);

            var up = await p.Retort("upgrade", "head");
            if (state.Started.Count > 0 && !idempotent)
            {
                interrupted++;
                var (rev, statements, completed) = state.Started[0];
                var id = ScriptedProject.Id(rev);
                Assert.Equal(1, up.ExitCode);
                var failed = up.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
                Assert.StartsWith($"FAILED: Revision {id} (rev {rev}) was interrupted during an earlier upgrade (started ", failed);
                Assert.Contains($": {completed} of {statements} statements completed; statement {completed + 1} may or may not have taken effect: ", failed);
                Assert.EndsWith("Undo what it did by hand (or finish it and use 'retort stamp'), then run 'retort repair' to mark it as not applied; " +
                    "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].", failed);
                Assert.Equal(state.ToString(), (await ReadStateAsync(db)).ToString()); // the refusal changed nothing
                // By hand, as the message says: drop what the interrupted revision created.
                foreach (var t in state.Tables.Keys.Where(t => !TablesUpTo(state.Version).ContainsKey(t)))
                    await db.ExecuteAsync($"DROP TABLE {t}");
                var repair = await p.Retort("repair");
                Assert.True(repair.ExitCode == 0, repair.ToString());
                Assert.Equal($"Marked {id} (rev {rev}) as not applied: the next upgrade runs it from the start.\n", repair.Stdout);
                up = await p.Retort("upgrade", "head");
            }
            else if (state.Started.Count > 0)
            {
                interrupted++;
                Assert.Contains($"Revision {ScriptedProject.Id(state.Started[0].Revision)} (rev {state.Started[0].Revision}) was interrupted during an earlier upgrade", up.Stderr);
                Assert.Contains("it declares itself idempotent, so it runs again from the start.", up.Stderr);
            }
            Assert.True(up.ExitCode == 0, $"seed {seed}, kill {kill + 1}, {state}: {up}");
            var after = await ReadStateAsync(db);
            Assert.Equal(3, after.Version);
            Assert.Empty(after.Started);
            Assert.Equal(TablesUpTo(3), after.Tables);
            Assert.Equal([ScriptedProject.Id(1), ScriptedProject.Id(2), ScriptedProject.Id(3)],
                await db.QueryAsync("SELECT revision FROM retort_version_history WHERE direction = 'upgrade' AND status = 'done' ORDER BY id"));
        }
        output.WriteLine($"{interrupted} of {Kills} kills left a revision started");
    }
}
