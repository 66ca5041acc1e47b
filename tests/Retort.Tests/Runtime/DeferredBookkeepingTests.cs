using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>
/// A run that is one transaction writes its version-row change and history rows at commit (net change, multi-row
/// INSERTs) instead of per revision: the rows must be exactly those a run with a transaction per revision writes,
/// through branches, a merge, an unmerge on the way down, and a statement that commits in the middle of the run.
/// </summary>
public class DeferredBookkeepingTests
{
    public static TheoryData<string> Transactional() => new(ServerRuntimeTests.WithSqlServer("sqlite", "postgresql"));

    // 1 <- 2 <- 3 (branch a), 1 <- 4 (branch b), merge 5 of 3 and 4, then 6 <- 7 <- 8; revision 7 runs a statement
    // that refuses transactions, so what came before it commits there.
    private static readonly (int Id, int[] Down, string Upgrade)[] Graph =
    [
        (1, [], "op.Execute(\"CREATE TABLE t1 (id INTEGER)\");"),
        (2, [1], "op.Execute(\"CREATE TABLE t2 (id INTEGER)\"); op.Execute(\"INSERT INTO t2 VALUES (2)\");"),
        (3, [2], "op.Execute(\"CREATE TABLE t3 (id INTEGER)\");"),
        (4, [1], "op.Execute(\"CREATE TABLE t4 (id INTEGER)\");"),
        (5, [3, 4], ""),
        (6, [5], "op.Execute(\"CREATE TABLE t6 (id INTEGER)\");"),
        (7, [6], "op.Execute(\"CREATE TABLE t7 (id INTEGER)\"); op.ExecuteOutsideTransaction(\"VACUUM\");"),
        (8, [7], "op.Execute(\"CREATE TABLE t8 (id INTEGER)\");"),
    ];

    private static string Id(int i) => $"b{i:D11}";

    private static TempDir Project(string url, bool perMigration, bool failAt8 = false)
    {
        var dir = new TempDir();
        var versions = Path.Combine(dir.Path, "migrations", "versions");
        Directory.CreateDirectory(versions);
        File.WriteAllText(Path.Combine(dir.Path, "retort.toml"), $"""
            [retort]
            script_location = "migrations"
            url = "{url}"
            transaction_per_migration = {(perMigration ? "true" : "false")}
            """);
        foreach (var (id, down, body) in Graph)
        {
            var upgrade = failAt8 && id == 8 ? body + " op.Execute(\"THIS IS NOT SQL\");" : body;
            var parents = down.Length switch
            {
                0 => "",
                1 => $", DownRevision = \"{Id(down[0])}\"",
                _ => $", DownRevisions = new[] {{ {string.Join(", ", down.Select(d => $"\"{Id(d)}\""))} }}",
            };
            var drop = body.Contains("CREATE TABLE") ? $"op.Execute(\"DROP TABLE t{id}\");" : "";
            File.WriteAllText(Path.Combine(versions, $"{Id(id)}_rev_{id}.cs"), $$"""
                using Retort;

                [Revision("{{Id(id)}}"{{parents}}, Message = "rev {{id}}")]
                public sealed class Rev{{id}} : Migration
                {
                    public override void Upgrade(Operations op) { {{upgrade}} }
                    public override void Downgrade(Operations op) { {{drop}} }
                }
                """);
        }
        return dir;
    }

    /// <summary>The version rows (sorted) and every history row but its time and duration, in id order.</summary>
    private static async Task<(List<string> Versions, List<string> History)> RowsAsync(TestDatabase db) =>
        ((await db.QueryAsync("SELECT version_num FROM retort_version")).Order(StringComparer.Ordinal).ToList(),
         await db.QueryAsync("SELECT revision, direction, checksum, applied_by, status, statements, completed FROM retort_version_history ORDER BY id"));

    [Theory]
    [MemberData(nameof(Transactional))]
    public async Task One_transaction_writes_the_same_version_and_history_rows_as_one_per_revision(string dialect)
    {
        await using var batchedDb = await TestDatabase.CreateAsync(dialect);
        await using var perRevisionDb = await TestDatabase.CreateAsync(dialect);
        using var batched = Project(batchedDb.Url, perMigration: false);
        using var perRevision = Project(perRevisionDb.Url, perMigration: true);

        // Each command on both; after each the two databases hold the same rows, and the rows we expect.
        (string[] Args, string[] Heads, string[] NewHistory)[] commands =
        [
            (["upgrade", Id(2)], [Id(2)], ["1 upgrade", "2 upgrade"]),
            (["upgrade", "heads"], [Id(8)], ["4 upgrade", "3 upgrade", "5 upgrade", "6 upgrade", "7 upgrade", "8 upgrade"]),
            // Down through the merge: its row splits back into both parents' rows; branch b (4) is not above 2 and stays.
            (["downgrade", Id(2)], [Id(2), Id(4)], ["8 downgrade", "7 downgrade", "6 downgrade", "5 downgrade", "3 downgrade"]),
            // Two rows become one: a delete and an update.
            (["downgrade", Id(1)], [Id(1)], ["2 downgrade", "4 downgrade"]),
            (["upgrade", "heads"], [Id(8)], ["4 upgrade", "2 upgrade", "3 upgrade", "5 upgrade", "6 upgrade", "7 upgrade", "8 upgrade"]),
        ];
        var history = new List<string>();
        foreach (var (args, heads, newHistory) in commands)
        {
            foreach (var (project, db) in new[] { (batched, batchedDb), (perRevision, perRevisionDb) })
            {
                var r = await CliRunner.RunAsync(project.Path, args);
                Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r}");
            }
            history.AddRange(newHistory);
            var expected = await RowsAsync(perRevisionDb);
            var actual = await RowsAsync(batchedDb);
            Assert.Equal(heads, actual.Versions);
            Assert.Equal(history, actual.History.Select(row => row.Split('|')).Select(c => $"{int.Parse(c[0][1..])} {c[1]}"));
            Assert.All(actual.History, row => Assert.Matches(@"^b\d{11}\|(up|down)grade\|[0-9a-f]{64}\|[^|]+\|done\|\d+\|\d+$", row));
            Assert.Equal(expected.Versions, actual.Versions);
            Assert.Equal(expected.History, actual.History);
        }
        // Revision 2 ran two statements: the batched INSERT carries each row's own values.
        Assert.EndsWith("|done|2|2", (await batchedDb.QueryAsync($"SELECT revision, direction, checksum, applied_by, status, statements, completed FROM retort_version_history WHERE revision = '{Id(2)}' ORDER BY id"))[0]);
    }

    [Theory]
    [MemberData(nameof(Transactional))]
    public async Task What_commits_in_the_middle_of_the_run_carries_the_bookkeeping_of_the_revisions_before_it(string dialect)
    {
        // Revision 7's VACUUM commits revisions 1-6 (and 7's CREATE TABLE); revision 8 then fails and rolls back the
        // rest. Held until the end, revisions 1-6's version row and history would be lost with it.
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var project = Project(db.Url, perMigration: false, failAt8: true);
        var r = await CliRunner.RunAsync(project.Path, "upgrade", "heads");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"FAILED: Upgrade of revision {Id(8)} (rev 8) failed at statement: THIS IS NOT SQL", r.Stderr);
        var (versions, history) = await RowsAsync(db);
        Assert.Equal([Id(6)], versions);
        Assert.Equal([1, 4, 2, 3, 5, 6], history.Where(h => h.Contains("|done|")).Select(h => int.Parse(h[1..12])));
    }
}
