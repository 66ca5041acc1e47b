using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>
/// The connection dies in the middle of a revision: the real server ends the backend (pg_terminate_backend, MariaDB's
/// KILL CONNECTION) while <c>retort upgrade head</c> runs a slow statement. The FAILED line names the revision, the
/// statement and the server's own reason (not the "connection is not open" of releasing the lock or rolling back on
/// the dead connection), and the database keeps the last state that committed.
/// </summary>
public class ConnectionLossTests
{
    public static TheoryData<string, string, string, string> Servers() => new()
    {
        {
            "postgresql", "SELECT pg_sleep(60)",
            "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND datname = current_database()",
            "57P01: terminating connection due to administrator command"
        },
        {
            "mysql", "SELECT SLEEP(60)",
            "SELECT id FROM information_schema.processlist WHERE info = 'SELECT SLEEP(60)' AND db = DATABASE()",
            "Failed to read the result set: An incomplete response was received from the server"
        },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task A_backend_ended_mid_revision_reports_the_revision_the_statement_and_the_server_reason(
        string dialect, string slow, string findBackend, string reason)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url,
            "op.Execute(\"CREATE TABLE before_kill (id INTEGER)\");",
            $"op.Execute(\"CREATE TABLE t2 (id INTEGER)\"); op.Execute(\"{slow}\");");
        var upgrade = p.Retort("--verbose", "upgrade", "head");

        // The backend running the slow statement, found in the server's own process list, then ended there.
        string? backend = null;
        for (var i = 0; i < 600 && backend is null && !upgrade.IsCompleted; i++)
        {
            backend = (await db.QueryAsync(findBackend)).FirstOrDefault();
            if (backend is null) await Task.Delay(50);
        }
        Assert.True(backend is not null, upgrade.IsCompleted ? (await upgrade).ToString() : "the slow statement never started");
        await db.ExecuteAsync(dialect == "postgresql" ? $"SELECT pg_terminate_backend({backend})" : $"KILL CONNECTION {backend}");

        var r = await upgrade;
        Assert.Equal(1, r.ExitCode);
        var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Upgrade of revision {ScriptedProject.Id(2)} (rev 2) failed at statement: {slow}: ", failed);
        Assert.True(failed.Contains(reason, StringComparison.Ordinal), r.ToString());
        Assert.DoesNotContain("InvalidOperationException", r.Stderr);
        Assert.DoesNotContain("not open", r.Stderr);
        Assert.DoesNotContain("Broken", r.Stderr);

        // PostgreSQL: one transaction per run, so nothing stays; MariaDB: revision 1 committed, revision 2's DDL ran.
        var current = await p.Retort("current");
        if (dialect == "postgresql")
        {
            Assert.True(current.ExitCode == 0, current.ToString());
            Assert.Equal("", current.Stdout.Trim());
            Assert.Empty(await db.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_name IN ('before_kill', 't2') AND table_schema = current_schema()"));
        }
        else
        {
            Assert.Equal([ScriptedProject.Id(1)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        }
    }
}
