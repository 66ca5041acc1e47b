using Retort.Tests.Infrastructure;

namespace Retort.Tests.Cli;

/// <summary>Bad graphs and bad targets through the real CLI: one FAILED line, exit 1, database unchanged.</summary>
public class GraphInputTests
{
    private static string Revision(string id, string? parent, string extra = "") =>
        $$"""
        // rev {{id}}
        using Retort;
        [Revision("{{id}}"{{(parent is null ? "" : $", DownRevision = \"{parent}\"")}}{{extra}})]
        public sealed class R_{{id}} : Migration
        {
            public override void Upgrade(Operations op) => op.Execute("CREATE TABLE t_{{id}} (id INTEGER)");
            public override void Downgrade(Operations op) => op.Execute("DROP TABLE t_{{id}}");
        }
        """;

    private static async Task<(TutorialProject P, string Versions)> ProjectAsync()
    {
        var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        return (p, Path.Combine(p.Path, "migrations", "versions"));
    }

    private static void AssertFailedUnchanged(TutorialProject p, CliRunner.Result r, string expectedStart, List<string> tablesBefore)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        var failed = r.Stderr.Split('\n').Where(l => l.StartsWith("FAILED: ")).ToList();
        Assert.Single(failed);
        Assert.StartsWith("FAILED: " + expectedStart, failed[0]);
        Assert.DoesNotContain("   at ", r.All);
        Assert.Equal(tablesBefore, p.Tables());
        Assert.Equal([p.PhoneId], p.Versions());
    }

    [Fact]
    public async Task Duplicate_revision_id_names_both_files()
    {
        var (p, versions) = await ProjectAsync();
        using var _ = p;
        var before = p.Tables();
        File.WriteAllText(Path.Combine(versions, "zz_copy.cs"), Revision(p.UsersId, null).Replace("R_", "Copy_"));
        AssertFailedUnchanged(p, await p.Retort("upgrade", "head"), $"Duplicate revision id {p.UsersId} in {p.UsersId} (migrations/versions/", before);
    }

    [Fact]
    public async Task Cycle_and_missing_parent_name_the_files()
    {
        var (p, versions) = await ProjectAsync();
        using var _ = p;
        var before = p.Tables();
        File.WriteAllText(Path.Combine(versions, "c1.cs"), Revision("cyc000000001", "cyc000000002"));
        File.WriteAllText(Path.Combine(versions, "c2.cs"), Revision("cyc000000002", "cyc000000001"));
        AssertFailedUnchanged(p, await p.Retort("heads"), "Cycle in the revision graph: cyc000000001 -> cyc000000002 -> cyc000000001 (files: migrations/versions/c1.cs, migrations/versions/c2.cs).", before);
        File.Delete(Path.Combine(versions, "c1.cs"));
        File.WriteAllText(Path.Combine(versions, "c2.cs"), Revision("cyc000000002", "ffffffffffff"));
        AssertFailedUnchanged(p, await p.Retort("upgrade", "head"), "Revision cyc000000002 (migrations/versions/c2.cs) names down revision 'ffffffffffff' which does not exist.", before);
    }

    [Fact]
    public async Task Bad_targets_ambiguous_prefixes_below_base_and_multiple_heads()
    {
        var (p, versions) = await ProjectAsync();
        using var _ = p;
        var before = p.Tables();
        AssertFailedUnchanged(p, await p.Retort("upgrade", "nosuchrev"), "Can't locate revision identified by 'nosuchrev'", before);
        AssertFailedUnchanged(p, await p.Retort("downgrade", "-5"), "Relative revision -5 didn't produce 5 migrations", before);
        File.WriteAllText(Path.Combine(versions, "b1.cs"), Revision(p.PhoneId[..4] + "00000000", p.UsersId));
        AssertFailedUnchanged(p, await p.Retort("upgrade", p.PhoneId[..4]),
            $"Multiple revisions start with '{p.PhoneId[..4]}': ", before);
        AssertFailedUnchanged(p, await p.Retort("upgrade", "head"),
            "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads", before);
    }

    [Fact]
    public async Task Wrong_password_is_one_line_without_the_password()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        using var p = await TutorialProject.CreateAsync();
        var url = db.Url.Replace("retort-secret", "wrong-pass-77");
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ") ? $"url = \"{url}\"" : l));
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith("FAILED: Cannot connect to postgresql://retort:***@127.0.0.1:", failed);
        Assert.Contains("password authentication failed for user \"retort\"", failed);
        Assert.DoesNotContain("wrong-pass-77", r.All);
        Assert.Empty(await CatalogReader.TablesAsync(db));
    }
}
