using Retort.Tests.Cli;

namespace Retort.Tests.Graph;

/// <summary>
/// Relative targets that cannot be walked and targets with nothing to do, on the tutorial's two revisions through the
/// real CLI: the FAILED line keeps Alembic's words and adds where the database is and what is possible; a no-op
/// says where the database already is; <c>verify --accept</c> takes a prefix like every other command.
/// </summary>
public class RelativeTargetTests
{
    private static string Failed(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        return r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_walk_that_runs_out_says_where_the_database_is_and_how_far_it_can_go()
    {
        using var p = await TutorialProject.CreateAsync();
        Assert.Equal("FAILED: Relative revision -1 didn't produce 1 migrations: the database is at base; nothing is applied.",
            Failed(await p.Retort("downgrade", "-1")));
        Assert.Equal("FAILED: Relative revision -1 didn't produce 1 migrations: upgrade only goes up; 'retort downgrade -1' goes down.",
            Failed(await p.Retort("upgrade", "-1")));
        Assert.Equal("FAILED: Relative revision +1 didn't produce 1 migrations: downgrade only goes down; 'retort upgrade +1' goes up.",
            Failed(await p.Retort("downgrade", "+1")));
        Assert.Equal("FAILED: Relative revision +5 didn't produce 5 migrations: the database is at base, and 2 revision(s) lie above it; use +2 or head.",
            Failed(await p.Retort("upgrade", "+5")));

        await p.Ok("upgrade", "head");
        Assert.Equal($"FAILED: Relative revision +1 didn't produce 1 migrations: the database is at {p.PhoneId}, and nothing lies above it.",
            Failed(await p.Retort("upgrade", "+1")));
        Assert.Equal($"FAILED: Relative revision -3 didn't produce 3 migrations: the database is at {p.PhoneId}, and 2 revision(s) lie below it; use -2 or base.",
            Failed(await p.Retort("downgrade", "-3")));
        Assert.Equal([p.PhoneId], p.Versions());
    }

    [Fact]
    public async Task Nothing_to_do_says_where_the_database_already_is()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        var again = await p.Ok("upgrade", "head");
        Assert.Contains($"INFO  [retort.runtime.migration] Already at {p.PhoneId} (head): nothing to upgrade for 'head'.\n", again.Stderr);
        var ancestor = await p.Ok("upgrade", p.UsersId[..4]);
        Assert.Contains($"INFO  [retort.runtime.migration] Already at {p.PhoneId} (head): nothing to upgrade for '{p.UsersId[..4]}'.\n", ancestor.Stderr);
        await p.Ok("downgrade", "base");
        var down = await p.Ok("downgrade", "base");
        Assert.Contains("INFO  [retort.runtime.migration] Already at base: nothing to downgrade for 'base'.\n", down.Stderr);

        using var empty = new TempDir();
        Assert.Equal(0, (await CliRunner.RunAsync(empty.Path, "init", "migrations")).ExitCode);
        var none = await CliRunner.RunAsync(empty.Path, "upgrade", "head");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("INFO  [retort.runtime.migration] Nothing to upgrade: there are no revision files in migrations/versions.\n", none.Stderr);
    }

    [Fact]
    public async Task Verify_accept_takes_a_unique_prefix()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        var accepted = await p.Ok("verify", "--accept", p.UsersId[..4]);
        Assert.StartsWith($"Accepted: {p.UsersId} as it is now in migrations/versions/", accepted.Stdout);
    }
}
