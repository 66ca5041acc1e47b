namespace Retort.Tests.Cli;

/// <summary>Each bad input: one FAILED line, exit 1, no stack trace, no password, and nothing changed.</summary>
public class BadInputTests
{
    private static void AssertFailed(CliRunner.Result r, string expectedLine)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal("FAILED: " + expectedLine + "\n", r.Stderr.Split('\n').Where(l => !l.StartsWith("INFO ")).Aggregate("", (a, l) => l.Length == 0 ? a : a + l + "\n"));
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public async Task Missing_config_file()
    {
        using var dir = new TempDir();
        AssertFailed(await CliRunner.RunAsync(dir.Path, "heads"),
            $"No retort.toml in {dir.Path}: run 'retort init migrations' to create one, or pass -c/--config.");
    }

    [Fact]
    public async Task Malformed_and_unknown_keys_in_config()
    {
        using var p = await TutorialProject.CreateAsync();
        var toml = Path.Combine(p.Path, "retort.toml");
        var good = File.ReadAllText(toml);
        File.WriteAllText(toml, good.Replace("version_table = \"retort_version\"", "version_table = retort_version"));
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("FAILED: Malformed retort.toml: (", r.Stderr);

        File.WriteAllText(toml, good + "\nversion_tabel = \"x\"\n");
        r = await p.Retort("upgrade", "head");
        Assert.StartsWith("FAILED: Unknown key 'version_tabel' in [retort] of retort.toml; known keys:", r.Stderr);
        Assert.False(File.Exists(p.Db));
    }

    [Theory]
    [InlineData("lock_timeout = 99999999999999", "lock_timeout in retort.toml must be a whole number from 0 to 2147483; got 99999999999999.")]
    [InlineData("lock_timeout = -5", "lock_timeout in retort.toml must be a whole number from 0 to 2147483; got -5.")]
    [InlineData("url = \"sqlite:///other.db\"\n[retort]\nurl = \"sqlite:///second.db\"", "[retort] appears twice in retort.toml: merge the two tables into one.")]
    public async Task Out_of_range_and_repeated_config_is_one_line_naming_the_key(string append, string expected)
    {
        using var p = await TutorialProject.CreateAsync();
        var toml = Path.Combine(p.Path, "retort.toml");
        var lines = File.ReadAllLines(toml).Where(l => !l.StartsWith("lock_timeout") && !(append.StartsWith("url") && l.StartsWith("url = "))).ToList();
        lines.Insert(lines.FindIndex(l => l.Trim() == "[retort]") + 1, append);
        File.WriteAllLines(toml, lines);
        AssertFailed(await p.Retort("upgrade", "head"), expected);
        Assert.False(File.Exists(p.Db));
    }

    [Theory]
    [InlineData("oracle://scott:tiger-pw@db/orcl", "Unknown dialect 'oracle': expected one of sqlite, postgresql, mysql, mssql (aliases: postgres, pg, mariadb, sqlserver).")]
    [InlineData("not a url; Password=tiger-pw", "Bad database URL 'not a url; Password=***': expected scheme://… (sqlite, postgresql, postgres, pg, mysql, mariadb, mssql, sqlserver) or set dialect = \"…\" beside an ADO.NET connection string.")]
    [InlineData("sqlite:/app.db", "Bad database URL 'sqlite:/app.db': expected scheme://… (sqlite, postgresql, postgres, pg, mysql, mariadb, mssql, sqlserver) or set dialect = \"…\" beside an ADO.NET connection string.")]
    public async Task Bad_urls_and_dialects(string url, string expected)
    {
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, url);
        var r = await p.Retort("upgrade", "head");
        AssertFailed(r, expected);
        Assert.DoesNotContain("tiger-pw", r.All);
    }

    [Fact]
    public async Task Unreachable_database_masks_the_password()
    {
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, "postgresql://bob:tiger-pw@127.0.0.1:1/app");
        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("FAILED: Cannot connect to postgresql://bob:***@127.0.0.1:1/app: ", r.Stderr.Split('\n').First(l => l.StartsWith("FAILED")));
        Assert.DoesNotContain("tiger-pw", r.All);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public async Task Verbose_shows_the_stack_but_still_no_password()
    {
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, "postgresql://bob:tiger-pw@127.0.0.1:1/app");
        var r = await p.Retort("--verbose", "upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("   at ", r.Stderr);
        Assert.DoesNotContain("tiger-pw", r.All);
    }

    [Fact]
    public async Task A_revision_file_without_the_attribute()
    {
        using var p = await TutorialProject.CreateAsync();
        File.WriteAllText(Path.Combine(p.Path, "migrations/versions/helper.cs"), "public static class Helper { }\n");
        AssertFailed(await p.Retort("heads"),
            "migrations/versions/helper.cs has no [Revision(\"…\")] attribute: every .cs file in a versions folder must be a revision.");
    }

    [Theory]
    [InlineData("ab-cd")]
    [InlineData("x@y")]
    [InlineData("a:b")]
    [InlineData("a+b")]
    [InlineData("../x")]
    [InlineData("/tmp/abs")]
    [InlineData("head")]
    [InlineData("heads")]
    [InlineData("base")]
    [InlineData("ré✓vision")]
    [InlineData("a'b;c")]
    [InlineData("a b")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public async Task Illegal_rev_ids_write_nothing(string id)
    {
        using var p = await TutorialProject.CreateAsync();
        var before = Directory.GetFiles(Path.Combine(p.Path, "migrations/versions")).Length;
        AssertFailed(await p.Retort("revision", "-m", "x", "--rev-id", id),
            $"Revision id '{id}' is not allowed: use 1 to 32 ASCII letters, digits or '_', other than head, heads and base.");
        Assert.Equal(before, Directory.GetFiles(Path.Combine(p.Path, "migrations/versions")).Length);
        Assert.DoesNotContain(Directory.GetFiles(p.Path, "*.cs", SearchOption.AllDirectories), f => !f.Contains("versions") && !f.EndsWith("env.cs"));
    }

    [Fact]
    public async Task A_version_row_the_files_do_not_have()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head");
        File.Delete(p.Phone);
        AssertFailed(await p.Retort("upgrade", "head"),
            $"The database sqlite:///app.db is at revision '{p.PhoneId}', which no revision file declares: restore the file, or 'retort stamp --purge' to a known revision.");
        Assert.Equal([p.PhoneId], p.Versions());
    }

    [Fact]
    public async Task Existing_revision_id_is_refused()
    {
        using var p = await TutorialProject.CreateAsync();
        AssertFailed(await p.Retort("revision", "-m", "again", "--rev-id", p.UsersId),
            $"Revision id {p.UsersId} is already used by {Path.GetRelativePath(p.Path, p.Users)}.");
    }

    private static void SetUrl(TutorialProject p, string url)
    {
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ") ? $"url = \"{url.Replace("\"", "\\\"")}\"" : l));
    }
}
