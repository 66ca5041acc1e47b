using Microsoft.Data.Sqlite;
using Retort.Tests.Cli;

namespace Retort.Tests.Graph;

/// <summary>Version-table consistency and relative-step errors through the real CLI (issue #10, items 3, 4 and 8).</summary>
public class VersionTableCliTests
{
    private static void AddRow(TutorialProject p, string id)
    {
        using var c = new SqliteConnection($"Data Source={p.Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"INSERT INTO retort_version (version_num) VALUES ('{id}')";
        cmd.ExecuteNonQuery();
    }

    private static void AssertFailed(CliRunner.Result r, string expected)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        var failed = r.Stderr.Split('\n').Where(l => l.StartsWith("FAILED: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["FAILED: " + expected], failed);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public async Task Overlapping_rows_are_refused_by_every_reading_command_until_stamped()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        var tables = p.Tables();
        AddRow(p, p.UsersId); // left by hand or by another tool: the phone revision's ancestor
        var message = $"The version table is inconsistent: it holds both {p.UsersId} and {p.PhoneId}, but {p.UsersId} is an ancestor of {p.PhoneId}. " +
            "Record the revisions the database is really at with 'retort stamp --purge REV...'.";
        foreach (var args in new[] { new[] { "upgrade", "head" }, ["downgrade", "-1"], ["downgrade", "base"], ["current"], ["verify"], ["history", "-i"] })
            AssertFailed(await p.Retort(args), message);
        Assert.Equal(tables, p.Tables());
        Assert.Equal(new[] { p.UsersId, p.PhoneId }.Order(StringComparer.Ordinal), p.Versions());

        await p.Ok("stamp", "--purge", p.PhoneId);
        Assert.Equal([p.PhoneId], p.Versions());
        Assert.Contains(p.PhoneId, (await p.Ok("current")).Stdout);
    }

    [Fact]
    public async Task Stamping_a_revision_with_its_descendant_and_negative_upgrades_fail()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        AssertFailed(await p.Retort("stamp", p.UsersId, p.PhoneId),
            $"Cannot stamp both {p.UsersId} and {p.PhoneId}: {p.UsersId} is an ancestor of {p.PhoneId}, and the version table would be inconsistent. Stamp {p.PhoneId} alone.");
        AssertFailed(await p.Retort("upgrade", "-1"), "Relative revision -1 didn't produce 1 migrations: upgrade only goes up; 'retort downgrade -1' goes down.");
        AssertFailed(await p.Retort("upgrade", "-2"), "Relative revision -2 didn't produce 2 migrations: upgrade only goes up; 'retort downgrade -2' goes down.");
        Assert.Equal([p.PhoneId], p.Versions());
    }
}
