using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>
/// verify reads the whole history: removed revisions the graph no longer shows, a removed head once, and
/// <c>verify --accept</c> recording a reviewed edit (real CLI, real SQLite file and PostgreSQL server).
/// </summary>
public class VerifyTests
{
    public static TheoryData<string> Databases() => new("sqlite", "postgresql");

    private static string File(GeneratedProject p, int i) =>
        Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{GeneratedProject.Id(i)}_*.cs").Single();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_removed_revision_whose_child_was_re_pointed_past_it_is_reported_from_the_history(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new GeneratedProject(db.Url, 3);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        // Revision 2 deleted, revision 3 re-pointed at 1: the graph 1 -> 3 no longer mentions 2.
        System.IO.File.Delete(File(p, 2));
        var three = File(p, 3);
        System.IO.File.WriteAllText(three, System.IO.File.ReadAllText(three).Replace(GeneratedProject.Id(2), GeneratedProject.Id(1)));

        var r = await p.Retort("verify");
        Assert.Equal(1, r.ExitCode);
        var lines = Lines(r.Stdout);
        Assert.Equal(2, lines.Length);
        Assert.Matches($"^{GeneratedProject.Id(2)}: vanished: applied on .+ by .+@.+ per the history, but no revision file declares it any more " +
            $@"\(restore it, or 'retort verify --accept {GeneratedProject.Id(2)}' if it was removed on purpose\)$", lines[0]);
        Assert.StartsWith($"{GeneratedProject.Id(3)}: changed: migrations/versions/{Path.GetFileName(three)} was edited after it was applied on ", lines[1]);

        var accepted = await p.Retort("verify", "--accept", GeneratedProject.Id(2), "--accept", GeneratedProject.Id(3));
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal($"Accepted: {GeneratedProject.Id(2)} was removed on purpose; verify no longer reports it.", Lines(accepted.Stdout)[0]);
        Assert.StartsWith($"Accepted: {GeneratedProject.Id(3)} as it is now in migrations/versions/{Path.GetFileName(three)} (checksum ", Lines(accepted.Stdout)[1]);
        Assert.Equal("All applied revisions match their files.", Lines(accepted.Stdout)[2]);
        Assert.Equal([$"{GeneratedProject.Id(2)}|NULL|True", $"{GeneratedProject.Id(3)}|64|True"], await db.QueryAsync(
            "SELECT revision, COALESCE(CAST(LENGTH(checksum) AS VARCHAR(5)), 'NULL'), CASE WHEN applied_by LIKE '%@%' THEN 'True' ELSE 'False' END " +
            "FROM retort_version_history WHERE direction = 'accept' ORDER BY id"));
        Assert.Equal(0, (await p.Retort("verify")).ExitCode);

        // Accepted is not forever: a later edit is reported again, against the accepted checksum.
        System.IO.File.AppendAllText(three, "// edited again\n");
        var again = await p.Retort("verify");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("was edited after it was accepted on ", again.Stdout);
    }

    [Fact]
    public async Task A_deleted_head_is_reported_once()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new GeneratedProject(db.Url, 3);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        System.IO.File.Delete(File(p, 3));
        var r = await p.Retort("verify");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal([$"{GeneratedProject.Id(3)}: vanished: the database is at this revision but no revision file declares it"], Lines(r.Stdout));
    }

    [Fact]
    public async Task Stamp_records_each_revision_it_marks_applied_or_not()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new GeneratedProject(db.Url, 3);
        Assert.Equal(0, (await p.Retort("stamp", "head")).ExitCode);
        Assert.Equal(0, (await p.Retort("stamp", GeneratedProject.Id(1))).ExitCode);
        Assert.Equal(
            [$"{GeneratedProject.Id(1)}|stamp", $"{GeneratedProject.Id(2)}|stamp", $"{GeneratedProject.Id(3)}|stamp",
             $"{GeneratedProject.Id(2)}|unstamp", $"{GeneratedProject.Id(3)}|unstamp"],
            await db.QueryAsync("SELECT revision, direction FROM retort_version_history ORDER BY id"));
        // 2 and 3 are not applied any more: removing their files is no problem.
        System.IO.File.Delete(File(p, 3));
        Assert.Equal(0, (await p.Retort("verify")).ExitCode);
    }

    [Fact]
    public async Task Accepting_a_revision_that_is_not_applied_fails_and_writes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = new GeneratedProject(db.Url, 3);
        Assert.Equal(0, (await p.Retort("upgrade", GeneratedProject.Id(1))).ExitCode);
        var r = await p.Retort("verify", "--accept", GeneratedProject.Id(3));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"FAILED: Cannot accept {GeneratedProject.Id(3)}: it is not applied to this database, so there is nothing to verify it against.\n",
            string.Join("", r.Stderr.Split('\n').Where(l => l.StartsWith("FAILED")).Select(l => l + "\n")));
        Assert.Empty(await db.QueryAsync("SELECT revision FROM retort_version_history WHERE direction = 'accept'"));
    }
}
