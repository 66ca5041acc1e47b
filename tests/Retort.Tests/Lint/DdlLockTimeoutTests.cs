using System.Diagnostics;
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

        await using (var reader = await db.OpenAsync())
        await using (var transaction = await reader.BeginTransactionAsync())
        {
            await using (var select = reader.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT COUNT(*) FROM users";
                await select.ExecuteScalarAsync();
            }
            var watch = Stopwatch.StartNew();
            var r = await p.Retort("upgrade", "head");
            watch.Stop();

            Assert.Equal(1, r.ExitCode);
            // Four tries of 0.5 s (MariaDB: 1 s, its unit) with pauses of 0.25, 0.5 and 1 s, plus starting the tool.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}\n{r}");
            var failed = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("FAILED: ", StringComparison.Ordinal));
            Assert.Contains("Upgrade of revision bbbb00000002 (rev) failed at statement: ALTER TABLE", failed);
            Assert.Contains($"It could not get its lock on table {(dialect == "mysql" ? "`users`" : "\"users\"")} within ", failed);
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
