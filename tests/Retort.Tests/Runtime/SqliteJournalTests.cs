using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;
using static Retort.Tests.Runtime.ScriptedProject;

namespace Retort.Tests.Runtime;

/// <summary>
/// On SQLite online, statements are generated as they run (a table rebuild reads the table as the previous statement
/// left it). A revision with a statement that refuses transactions (VACUUM) commits what came before it, so it must be
/// journaled like on the other databases: started row, progress, done with the version row, failed on failure.
/// </summary>
public class SqliteJournalTests
{
    private const string History = "SELECT revision, direction, status, statements, completed FROM retort_version_history ORDER BY id";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_revision_that_fails_after_VACUUM_committed_its_first_part_stops_the_next_upgrade_until_repaired(bool perMigration)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new ScriptedProject(db.Url,
            [
                ("op.Execute(\"CREATE TABLE one (id INTEGER)\");", ""),
                ("op.Execute(\"CREATE TABLE two (id INTEGER)\"); op.Execute(\"INSERT INTO two VALUES (2)\"); " +
                 "op.ExecuteOutsideTransaction(\"VACUUM\"); op.Execute(\"CREATE TABLE two (id INTEGER)\");", ""),
            ],
            perMigration ? "transaction_per_migration = true" : "");
        var first = await p.Retort("upgrade", "head");
        Assert.Equal(1, first.ExitCode);
        var failure = first.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Upgrade of revision {Id(2)} (rev 2) failed at statement: CREATE TABLE two (id INTEGER): ", failure);
        Assert.EndsWith(" 3 of its 4 statements ran before the failure and stay applied (they commit on their own), so it is half-applied; " +
            "the version table names the last revision that completed. Undo them by hand, then run 'retort repair'; " +
            "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].", failure);

        // What committed before VACUUM stays, with its journal row; revision 1 committed with it.
        Assert.Equal([Id(1)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(["2"], await db.QueryAsync("SELECT id FROM two"));
        Assert.Equal([$"{Id(1)}|upgrade|done|1|1", $"{Id(2)}|upgrade|failed|4|3"], await db.QueryAsync(History));

        // The next deploy does not fail with "already exists": it names what happened and the way out.
        var next = await p.Retort("upgrade", "head");
        Assert.Equal(1, next.ExitCode);
        var stop = next.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Revision {Id(2)} (rev 2) failed during an earlier upgrade (started ", stop);
        Assert.EndsWith("): 3 of 4 statements completed and stay applied; statement 4 failed: CREATE TABLE two (id INTEGER). " +
            "Undo what it did by hand (or finish it and use 'retort stamp'), then run 'retort repair' to mark it as not applied; " +
            "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].", stop);

        // By hand: undo, fix the revision; then repair and upgrade.
        await db.ExecuteAsync("DROP TABLE two");
        var file = Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{Id(2)}_*.cs").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("(\"VACUUM\"); op.Execute(\"CREATE TABLE two (id INTEGER)\");", "(\"VACUUM\");"));
        var repair = await p.Retort("repair");
        Assert.Equal($"Marked {Id(2)} (rev 2) as not applied: the next upgrade runs it from the start.\n", repair.Stdout);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal([Id(2)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(["2"], await db.QueryAsync("SELECT id FROM two"));
        Assert.Equal([$"{Id(1)}|upgrade|done|1|1", $"{Id(2)}|upgrade|repaired|4|3", $"{Id(2)}|upgrade|done|3|3"], await db.QueryAsync(History));
    }

    [Fact]
    public async Task Kill_9_after_VACUUM_committed_leaves_a_started_row_that_stops_the_next_upgrade()
    {
        // SQLite has no sleep: a recursive count keeps the revision running after VACUUM committed its first part.
        const string slow = "op.Execute(\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) FROM c\"); ";
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new ScriptedProject(db.Url,
            "op.Execute(\"CREATE TABLE one (id INTEGER)\");",
            "op.Execute(\"CREATE TABLE two (id INTEGER)\"); op.Execute(\"INSERT INTO two VALUES (2)\"); op.ExecuteOutsideTransaction(\"VACUUM\"); " +
            string.Concat(Enumerable.Repeat(slow, 40)) + "op.Execute(\"INSERT INTO two VALUES (3)\");");
        using (var run = CliProcess.Start(p.Path, "upgrade", "head"))
        {
            // Killed once the journal says VACUUM (statement 3) completed: what it committed must be accounted for.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!await CompletedAsync(db, 3))
            {
                Assert.True(DateTime.UtcNow < deadline && !run.HasExited, "the run never reached VACUUM: " + (run.HasExited ? (await run.WaitAsync()).ToString() : "timeout"));
                await Task.Delay(20);
            }
            await run.KillAsync();
        }
        Assert.Equal([Id(1)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(["2"], await db.QueryAsync("SELECT id FROM two"));
        Assert.Equal([$"{Id(1)}|upgrade|done|1|1", $"{Id(2)}|upgrade|started|44|3"], await db.QueryAsync(History));

        var next = await p.Retort("upgrade", "head");
        Assert.Equal(1, next.ExitCode);
        var stop = next.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Revision {Id(2)} (rev 2) was interrupted during an earlier upgrade (started ", stop);
        Assert.EndsWith("): 3 of 44 statements completed; statement 4 may or may not have taken effect: WITH RECURSIVE c(x) AS " +
            "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) FROM c. " +
            "Undo what it did by hand (or finish it and use 'retort stamp'), then run 'retort repair' to mark it as not applied; " +
            "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].", stop);

        await db.ExecuteAsync("DROP TABLE two");
        Assert.Equal($"Marked {Id(2)} (rev 2) as not applied: the next upgrade runs it from the start.\n", (await p.Retort("repair")).Stdout);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["2", "3"], await db.QueryAsync("SELECT id FROM two ORDER BY id"));
        Assert.Equal([$"{Id(1)}|upgrade|done|1|1", $"{Id(2)}|upgrade|repaired|44|3", $"{Id(2)}|upgrade|done|44|44"], await db.QueryAsync(History));
    }

    /// <summary>Whether revision 2's journal row shows at least <paramref name="n"/> completed statements (a locked file reads as not yet).</summary>
    private static async Task<bool> CompletedAsync(TestDatabase db, int n)
    {
        try
        {
            return await db.QueryAsync($"SELECT completed FROM retort_version_history WHERE revision = '{Id(2)}' AND status = 'started'") is [var c]
                && int.Parse(c) >= n;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_table_rebuild_after_VACUUM_is_counted_when_generated()
    {
        const string before = "op.Execute(\"CREATE TABLE t (id INTEGER, name TEXT)\"); op.Execute(\"CREATE INDEX ix_t_id ON t (id)\"); " +
            "op.Execute(\"INSERT INTO t VALUES (1, 'a')\");";
        const string after = "op.DropColumn(\"t\", \"name\"); op.Execute(\"INSERT INTO t VALUES (2)\");";
        // The same revision without VACUUM runs in one transaction, unjournaled: its history row counts what ran.
        await using var plainDb = await TestDatabase.CreateAsync("sqlite");
        using var plain = new ScriptedProject(plainDb.Url, before + " " + after);
        Assert.Equal(0, (await plain.Retort("upgrade", "head")).ExitCode);
        var ran = int.Parse(Assert.Single(await plainDb.QueryAsync("SELECT statements FROM retort_version_history")));
        Assert.True(ran > 5, $"DropColumn on SQLite is a rebuild of several statements, not {ran - 4}");

        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new ScriptedProject(db.Url, before + " op.ExecuteOutsideTransaction(\"VACUUM\"); " + after);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["1", "2"], await db.QueryAsync("SELECT id FROM t ORDER BY id"));
        Assert.Equal(["id"], await db.QueryAsync("SELECT name FROM pragma_table_info('t')"));
        Assert.Equal(["ix_t_id"], await db.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 't'"));
        // Started with the 5 statements known up front; the rebuild's were added when it was generated.
        Assert.Equal([$"{Id(1)}|upgrade|done|{ran + 1}|{ran + 1}"], await db.QueryAsync(History));
    }
}
