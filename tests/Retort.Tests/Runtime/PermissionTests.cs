using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>A PostgreSQL role that may connect but not read Retort's tables: the real cause, with table and user.</summary>
public class PermissionTests
{
    [Fact]
    public async Task A_version_table_the_user_cannot_read_is_reported_as_permission_denied()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        using (var owner = new GeneratedProject(db.Url, 2)) Assert.Equal(0, (await owner.Retort("upgrade", "head")).ExitCode);
        var role = "reader_" + Guid.NewGuid().ToString("N")[..8];
        const string password = "reader-pw-9731";
        var dbName = db.Url[(db.Url.LastIndexOf('/') + 1)..];
        await db.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password}'", $"GRANT USAGE ON SCHEMA public TO {role}");
        try
        {
            var url = $"postgresql://{role}:{password}@{db.Url[(db.Url.LastIndexOf('@') + 1)..]}";
            using var p = new GeneratedProject(url, 3);
            foreach (var args in new[] { new[] { "upgrade", "head" }, ["current"], ["stamp", "head"] })
            {
                var r = await p.Retort(args);
                Assert.Equal(1, r.ExitCode);
                Assert.Equal($"FAILED: Permission denied on the version table retort_version for user {role}: 42501: permission denied for table retort_version. " +
                    $"Grant the user SELECT, INSERT, UPDATE and DELETE on retort_version and retort_version_history, or connect as their owner.",
                    r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: ")));
                Assert.DoesNotContain(password, r.All);
            }

            // Readable version table, unreadable history: the history table is named.
            await db.ExecuteAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON retort_version TO {role}");
            var h = await p.Retort("upgrade", "head");
            Assert.Equal(1, h.ExitCode);
            Assert.StartsWith($"FAILED: Permission denied on the history table retort_version_history for user {role}: 42501: permission denied for table retort_version_history.",
                h.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: ")));
            Assert.Equal([GeneratedProject.Id(2)], await db.QueryAsync("SELECT version_num FROM retort_version"));
        }
        finally
        {
            await db.ExecuteAsync($"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}", $"REVOKE ALL ON SCHEMA public FROM {role}");
            await using var c = await db.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP ROLE {role}";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
