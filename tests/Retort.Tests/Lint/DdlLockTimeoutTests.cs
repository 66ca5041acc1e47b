using Retort.Tests.Infrastructure;

namespace Retort.Tests.Lint;

/// <summary>
/// ddl_lock_timeout on the real servers through the real CLI: a reader in an open transaction holds its lock on
/// the table (ACCESS SHARE on PostgreSQL, a shared metadata lock on MariaDB) for as long as the test wants; an
/// upgrade whose revision ALTERs that table fails within seconds, naming the revision, the statement and the lock,
/// and the database is as before (read back from the catalog and the version table). Once the reader is gone the
/// same upgrade succeeds.
/// </summary>
public class DdlLockTimeoutTests
{
    [Theory]
    [InlineData("postgresql", "lock_timeout")]
    [InlineData("mysql", "lock_wait_timeout")]
    public async Task An_alter_behind_a_reader_fails_in_seconds_and_changes_nothing(string dialect, string setting)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await LintProject.CreateAsync(db.Url);
        p.Configure("ddl_lock_timeout = \"500ms\"", "ddl_lock_retries = 3");
        p.Revision("aaaa00000001", null, "", "op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true });");
        var first = await p.Retort("upgrade", "head");
        Assert.True(first.ExitCode == 0, first.ToString());
        p.Revision("bbbb00000002", "aaaa00000001", "", "op.AddColumn(\"users\", new Column(\"email\", SqlType.String(100)));");
        // Compiled now, so that the timed run below spends its time waiting for the lock, not in Roslyn.
        var script = await p.Retort("upgrade", "--sql", "aaaa00000001:head");
        Assert.True(script.ExitCode == 0, script.ToString());

        await using (var reader = await db.OpenAsync())
        await using (var transaction = await reader.BeginTransactionAsync())
        {
            await using (var select = reader.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT COUNT(*) FROM users";
                await select.ExecuteScalarAsync();
            }
            // The reader keeps its lock until this block ends, so the tool returning at all means it gave up on the
            // lock instead of waiting behind the reader. No tight wall-clock bound (a loaded machine starts tools
            // slowly); the long one only turns a wait that would never end into a failure.
            var run = p.Retort("upgrade", "head");
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(3))) == run,
                "the upgrade still waited behind the reader after 3 minutes: ddl_lock_timeout was not applied");
            var r = await run;

            Assert.Equal(1, r.ExitCode);
            var failed = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("FAILED: ", StringComparison.Ordinal));
            Assert.Contains("Upgrade of revision bbbb00000002 (rev) failed at statement: ALTER TABLE", failed);
            Assert.Contains($"It could not get its lock on table {(dialect == "mysql" ? "`users`" : "\"users\"")} within ", failed);
            Assert.Contains($"lock timeout. It could not get its lock", failed.Replace("Lock wait timeout exceeded; try restarting transaction.", "lock timeout."));
            Assert.Contains($"({setting}) in 4 tries", failed);
            Assert.DoesNotContain("   at ", r.Stderr);
            Assert.Equal(3, r.Stderr.Split('\n').Count(l => l.Contains("Could not get the lock on table", StringComparison.Ordinal)));
        }

        Assert.Empty(await db.QueryAsync(dialect == "mysql"
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'email'"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'"));
        Assert.Equal(["aaaa00000001"], await db.QueryAsync("SELECT version_num FROM retort_version"));

        var again = await p.Retort("upgrade", "head");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["bbbb00000002"], await db.QueryAsync("SELECT version_num FROM retort_version"));
    }
}
