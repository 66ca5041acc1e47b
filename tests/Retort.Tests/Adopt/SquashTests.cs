using Retort.Tests.Fidelity;

namespace Retort.Tests.Adopt;

/// <summary>
/// <c>retort squash</c> through the real CLI on real databases: databases left at base, part way through the squashed
/// range, at its end and past it all reach head, and all end with the same catalog as a database built fresh.
/// </summary>
public class SquashTests
{
    public static TheoryData<string> Dialects() => new("sqlite", "postgresql", "mysql");

    private static readonly (string Id, string? Parent, string Upgrade, string Downgrade)[] History =
    [
        ("a1000000001", null,
            """op.CreateTable("users", new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true }, new Column("name", SqlType.String(50)) { Nullable = false });""",
            """op.DropTable("users");"""),
        ("a1000000002", "a1000000001",
            """op.AddColumn("users", new Column("email", SqlType.String(100))); op.CreateIndex("ix_users_email", "users", ["email"], unique: true);""",
            """op.DropIndex("ix_users_email", "users"); op.DropColumn("users", "email");"""),
        ("a1000000003", "a1000000002",
            """op.CreateTable("posts", new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true }, new Column("user_id", SqlType.Integer()) { Nullable = false }, new Column("title", SqlType.String(200)), new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.Cascade }); op.Execute("INSERT INTO users (name) VALUES ('admin')");""",
            """op.DropTable("posts");"""),
        ("a1000000004", "a1000000003",
            """op.CreateIndex("ix_posts_user_id", "posts", ["user_id"]);""",
            """op.DropIndex("ix_posts_user_id", "posts");"""),
        ("a1000000005", "a1000000004",
            """op.AddColumn("posts", new Column("body", SqlType.Text()));""",
            """op.DropColumn("posts", "body");"""),
    ];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Databases_at_base_in_the_range_at_its_end_and_past_it_all_reach_the_same_head(string dialect)
    {
        await using var atBase = await FidelityDatabase.CreateAsync(dialect);
        await using var midway = await FidelityDatabase.CreateAsync(dialect);
        await using var atEnd = await FidelityDatabase.CreateAsync(dialect);
        await using var past = await FidelityDatabase.CreateAsync(dialect);
        await using var fresh = await FidelityDatabase.CreateAsync(dialect);
        await using var scratch = await FidelityDatabase.CreateAsync(dialect);
        using var project = await AdoptProject.CreateAsync(atBase.Url);
        foreach (var (id, parent, upgrade, downgrade) in History) WriteRevision(project, id, parent, upgrade, downgrade);

        await project.OkAsync("-x", "url=" + midway.Url, "upgrade", "a1000000002");
        await project.OkAsync("-x", "url=" + atEnd.Url, "upgrade", "a1000000004");
        await project.OkAsync("-x", "url=" + past.Url, "upgrade", "head");

        // Squash everything up to and including a1000000004; SQLite builds on a temporary file by itself.
        string[] scratchArgs = dialect == "sqlite" ? [] : ["--scratch-url", scratch.Url];
        var squash = await project.OkAsync(["squash", "base:a1000000004", "-m", "squash the start", "--rev-id", "5a0000000001", .. scratchArgs]);
        Assert.Contains("a1000000003_rev.cs runs SQL or inserts rows; the squash keeps only the schema", squash.Stderr);
        Assert.Contains("a1000000005 follows a1000000004, which the graph now reads as 5a0000000001", squash.Stderr);
        var file = Assert.Single(Directory.GetFiles(project.Versions, "5a0000000001_*.cs"));
        Assert.Contains("""Replaces = new[] { "a1000000001", "a1000000002", "a1000000003", "a1000000004" }""", File.ReadAllText(file));
        var history = (await project.OkAsync("history")).Stdout;
        Assert.StartsWith("5a0000000001 -> a1000000005 (head), rev a1000000005\n<base> -> 5a0000000001, squash the start", history);
        Assert.DoesNotContain("a1000000002", history);

        Assert.Equal("a1000000002 (replaced by squash 5a0000000001: the next upgrade runs the replaced revisions up to a1000000004, then goes on from there)\n",
            (await project.OkAsync("-x", "url=" + midway.Url, "current")).Stdout);
        Assert.Equal("a1000000004 (replaced by squash 5a0000000001: the same schema; the next upgrade records it as 5a0000000001)\n",
            (await project.OkAsync("-x", "url=" + atEnd.Url, "current")).Stdout);

        var fromBase = await project.OkAsync("-x", "url=" + atBase.Url, "upgrade", "head");
        Assert.Contains("Running upgrade  -> 5a0000000001, squash the start", fromBase.Stderr);
        Assert.DoesNotContain("a1000000001", fromBase.Stderr);
        var fromMidway = await project.OkAsync("-x", "url=" + midway.Url, "upgrade", "head");
        Assert.Contains("Running upgrade a1000000002 -> a1000000003", fromMidway.Stderr);
        Assert.Contains("Running upgrade a1000000004 -> a1000000005", fromMidway.Stderr);
        var fromEnd = await project.OkAsync("-x", "url=" + atEnd.Url, "upgrade", "head");
        Assert.Contains("Running upgrade 5a0000000001 -> a1000000005", fromEnd.Stderr);
        await project.OkAsync("-x", "url=" + past.Url, "upgrade", "head");
        await project.OkAsync("-x", "url=" + fresh.Url, "upgrade", "head");

        var expected = await fresh.SnapshotAsync();
        foreach (var db in new[] { atBase, midway, atEnd, past })
        {
            CatalogAssert.Same(expected, await db.SnapshotAsync(), $"{dialect}: fresh database and {db.Url}");
            Assert.Equal("a1000000005 (head)\n", (await project.OkAsync("-x", "url=" + db.Url, "current")).Stdout);
        }
        // The graph is whole in both directions: the squash's Downgrade takes the schema away.
        await project.OkAsync("-x", "url=" + atEnd.Url, "downgrade", "base");
        Assert.Empty((await atEnd.SnapshotAsync()).Subjects("table"));
    }

    [Fact]
    public async Task A_range_after_a_revision_is_built_from_the_difference_between_its_two_ends()
    {
        await using var db = await FidelityDatabase.CreateAsync("sqlite");
        await using var fresh = await FidelityDatabase.CreateAsync("sqlite");
        using var project = await AdoptProject.CreateAsync(db.Url);
        foreach (var (id, parent, upgrade, downgrade) in History) WriteRevision(project, id, parent, upgrade, downgrade);
        await project.OkAsync("upgrade", "a1000000001");

        await project.OkAsync("squash", "a1000000001:a1000000003", "-m", "middle", "--rev-id", "5b0000000001");
        var code = File.ReadAllText(Assert.Single(Directory.GetFiles(project.Versions, "5b0000000001_*.cs")));
        Assert.Contains("""[Revision("5b0000000001", DownRevision = "a1000000001", Message = "middle", Replaces = new[] { "a1000000002", "a1000000003" })]""", code);
        Assert.Contains("""op.AddColumn("users", new Column("email", SqlType.String(100)));""", code);
        Assert.DoesNotContain("""op.CreateTable("users""", code);

        Assert.Equal("a1000000001\n", (await project.OkAsync("current")).Stdout);
        await project.OkAsync("upgrade", "head");
        await project.OkAsync("-x", "url=" + fresh.Url, "upgrade", "head");
        CatalogAssert.Same(await fresh.SnapshotAsync(), await db.SnapshotAsync());
    }

    [Fact]
    public async Task Bad_ranges_fail_with_one_line()
    {
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        using var project = await AdoptProject.CreateAsync(db.Url);
        foreach (var (id, parent, upgrade, downgrade) in History) WriteRevision(project, id, parent, upgrade, downgrade);
        await Fails(project, "FAILED: squash takes a range FROM:TO (e.g. base:a1000000005); 'a1000000004' has no ':'.", "squash", "a1000000004", "-m", "x");
        await Fails(project, "FAILED: The range names one revision (a1000000002): there is nothing to squash.", "squash", "a1000000001:a1000000002", "-m", "x");
        await Fails(project, "FAILED: a1000000004 is not an ancestor of a1000000002: the range FROM:TO must run down one line.", "squash", "a1000000004:a1000000002", "-m", "x");
        await Fails(project, "FAILED: squash builds the schema on a scratch database: give --scratch-url, an empty postgresql database it may fill (e.g. a throw-away database on the same server).",
            "squash", "base:a1000000003", "-m", "x");
        await using var used = await FidelityDatabase.CreateAsync("postgresql");
        await used.ExecuteAsync("CREATE TABLE leftover (x int)");
        await Fails(project, "is not empty (leftover): squash needs an empty one.", "squash", "base:a1000000003", "-m", "x", "--scratch-url", used.Url);
        Assert.Equal(5, Directory.GetFiles(project.Versions, "*.cs").Length);
    }

    private static async Task Fails(AdoptProject project, string expected, params string[] args)
    {
        var r = await project.RunAsync(args);
        Assert.Equal(1, r.ExitCode);
        var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED", StringComparison.Ordinal));
        if (expected.StartsWith("FAILED", StringComparison.Ordinal)) Assert.Equal(expected, failed);
        else Assert.EndsWith(expected, failed);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("retort-secret", r.All);
    }

    private static void WriteRevision(AdoptProject project, string id, string? parent, string upgrade, string downgrade) =>
        File.WriteAllText(Path.Combine(project.Versions, $"{id}_rev.cs"), $$"""
            // rev {{id}}
            using Retort;

            [Revision("{{id}}"{{(parent is null ? "" : $", DownRevision = \"{parent}\"")}}, Message = "rev {{id}}")]
            public sealed class Rev{{id}} : Migration
            {
                public override void Upgrade(Operations op) { {{upgrade}} }
                public override void Downgrade(Operations op) { {{downgrade}} }
            }
            """);
}
