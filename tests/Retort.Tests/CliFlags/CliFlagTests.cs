using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;
using Retort.Tests.RealWork;

namespace Retort.Tests.CliFlags;

/// <summary>
/// The Alembic flags of issue 20 through the real CLI: -n/--name, RETORT_CONFIG, --tag, current --check-heads,
/// heads --resolve-dependencies (against real Alembic), revision --sql, -v echoing statements, and
/// recursive_version_locations.
/// </summary>
public class CliFlagTests
{
    private static string RevisionFile(string id, string? down, string upgrade, string downgrade, string extra = "") => $$"""
        using Retort;
        using Retort.Ops;

        [Revision("{{id}}"{{(down is null ? "" : $", DownRevision = \"{down}\"")}}{{extra}}, Message = "{{id}}")]
        public sealed class R_{{id}} : Migration
        {
            public override void Upgrade(Operations op) { {{upgrade}} }
            public override void Downgrade(Operations op) { {{downgrade}} }
        }
        """;

    private static void TwoRevisions(EnvProject p, string folder = "migrations/versions")
    {
        p.Write($"{folder}/a1_one.cs", RevisionFile("a1", null, "op.CreateTable(\"t1\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true });", "op.DropTable(\"t1\");"));
        p.Write($"{folder}/b2_two.cs", RevisionFile("b2", "a1", "op.Execute(\"INSERT INTO t1 (id) VALUES (?)\", 4711);", "op.Execute(\"DELETE FROM t1\");"));
    }

    private static async Task<CliRunner.Result> Ok(EnvProject p, params string[] args)
    {
        var r = await p.Retort(args);
        Assert.True(r.ExitCode == 0, $"retort {string.Join(' ', args)}\n{r}");
        return r;
    }

    private static async Task<CliRunner.Result> Ok(EnvProject p, IDictionary<string, string> env, params string[] args)
    {
        var r = await p.Retort(env, args);
        Assert.True(r.ExitCode == 0, $"retort {string.Join(' ', args)}\n{r}");
        return r;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Name_picks_a_section_and_RETORT_CONFIG_a_file(string dialect)
    {
        await using var main = await TestDatabase.CreateAsync(dialect);
        await using var staging = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(main.Url);
        File.AppendAllText(p["retort.toml"], $"\n[staging]\nscript_location = \"migrations\"\nurl = \"{staging.Url}\"\nversion_table = \"staging_version\"\n");
        TwoRevisions(p);

        await Ok(p, "-n", "staging", "upgrade", "head");
        Assert.Equal(["b2"], await staging.QueryAsync("SELECT version_num FROM staging_version"));
        Assert.Equal(["4711"], await staging.QueryAsync("SELECT id FROM t1"));
        Assert.Equal("", (await Ok(p, "current")).Stdout); // [retort]'s database is untouched
        Assert.Equal("b2 (head)\n", (await Ok(p, "--name", "staging", "current")).Stdout);
        var missing = await p.Retort("-n", "prod", "current");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("FAILED: retort.toml has no [prod] table (named by -n/--name).\n", missing.Stderr);

        // RETORT_CONFIG names the file; -c wins over it.
        Directory.CreateDirectory(p["elsewhere"]);
        var moved = p["elsewhere/deploy.toml"];
        File.WriteAllText(moved, File.ReadAllText(p["retort.toml"]).Replace("script_location = \"migrations\"", $"script_location = \"{p["migrations"]}\""));
        File.Delete(p["retort.toml"]);
        var env = new Dictionary<string, string> { ["RETORT_CONFIG"] = moved };
        Assert.Equal("b2 (head)\n", (await Ok(p, env, "-n", "staging", "current")).Stdout);
        var wrong = await p.Retort(env, "-c", "nope.toml", "current");
        Assert.Equal($"FAILED: Config file not found: {p["nope.toml"]}\n", wrong.Stderr);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Tag_reaches_env_cs_and_check_heads_gates_on_the_heads(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        p.Env("""System.IO.File.AppendAllText("tags.txt", (context.Tag ?? "<none>") + "\n");""");
        TwoRevisions(p);

        var gate = await p.Retort("current", "--check-heads");
        Assert.Equal(1, gate.ExitCode);
        Assert.Equal("FAILED: The database is not at the head revision(s): it is at base; the heads are b2.\n", gate.Stderr);
        await Ok(p, "upgrade", "a1", "--tag", "deploy-42");
        gate = await p.Retort("current", "--check-heads");
        Assert.Equal("FAILED: The database is not at the head revision(s): it is at a1; the heads are b2.\n", gate.Stderr);
        await Ok(p, "upgrade", "head");
        Assert.Equal("b2 (head)\n", (await Ok(p, "current", "--check-heads")).Stdout);
        await Ok(p, "downgrade", "base", "--tag", "rollback-1");
        await Ok(p, "stamp", "head", "--tag", "stamped");
        // Commands without --tag see none.
        Assert.Equal(["deploy-42", "rollback-1", "stamped"], File.ReadAllLines(p["tags.txt"]).Where(t => t != "<none>"));
        Assert.Contains("<none>", File.ReadAllLines(p["tags.txt"]));
        Assert.Equal(["b2"], await db.QueryAsync("SELECT version_num FROM retort_version"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Verbose_echoes_each_statement_with_placeholders_and_no_secrets(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        TwoRevisions(p);
        var up = await Ok(p, "upgrade", "head", "-v");
        var sql = up.Stderr.Split('\n').Where(l => l.StartsWith("INFO  [retort.sql] ", StringComparison.Ordinal)).Select(l => l["INFO  [retort.sql] ".Length..]).ToList();
        var all = string.Join("\n", sql);
        Assert.Contains("INSERT INTO t1 (id) VALUES (?)", sql);
        Assert.True(sql.Any(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal) && s.Contains("t1", StringComparison.Ordinal)), all);
        Assert.True(sql.Any(s => s.StartsWith("INSERT INTO", StringComparison.Ordinal) && s.Contains("retort_version", StringComparison.Ordinal) && s.Contains("'b2'", StringComparison.Ordinal)), all);
        Assert.DoesNotContain("4711", up.All);
        var password = new Uri(db.Url).UserInfo.Split(':').ElementAtOrDefault(1);
        if (!string.IsNullOrEmpty(password)) Assert.DoesNotContain(Uri.UnescapeDataString(password), up.All);
        // Without -v nothing is echoed.
        var quiet = await Ok(p, "downgrade", "base");
        Assert.DoesNotContain("[retort.sql]", quiet.All);
    }

    [Fact]
    public async Task Heads_resolve_dependencies_matches_real_alembic()
    {
        using var p = await EnvProject.CreateAsync("sqlite:///app.db");
        p.Write("migrations/versions/a1_a.cs", RevisionFile("a1", null, "", ""));
        p.Write("migrations/versions/b1_b.cs", RevisionFile("b1", null, "", "", ", BranchLabels = new[] { \"other\" }"));
        p.Write("migrations/versions/c1_c.cs", RevisionFile("c1", "a1", "", "", ", DependsOn = new[] { \"b1\" }"));
        var plain = (await Ok(p, "heads")).Stdout;
        var resolved = (await Ok(p, "heads", "--resolve-dependencies")).Stdout;

        using var alembic = new TempDir();
        Assert.Equal(0, PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "init", "mig").ExitCode);
        void Py(string id, string down, string extra = "") => File.WriteAllText(alembic[$"mig/versions/{id}_x.py"],
            $"revision = '{id}'\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n{extra}\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n");
        Py("a1", "None");
        Py("b1", "None", "branch_labels = ('other',)");
        Py("c1", "'a1'", "depends_on = ('b1',)");
        var alembicPlain = PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "heads");
        var alembicResolved = PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "heads", "--resolve-dependencies");
        Assert.True(alembicResolved.ExitCode == 0, alembicResolved.ToString());
        Assert.Equal(Lines(alembicPlain.Stdout), Lines(plain));
        Assert.Equal(Lines(alembicResolved.Stdout), Lines(resolved));
        Assert.Equal(["c1 (head)"], Lines(resolved));
    }

    private static List<string> Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Revision_sql_runs_env_cs_offline_with_revision_environment_and_is_refused_without_as_in_alembic()
    {
        using var p = await EnvProject.CreateAsync("sqlite:///app.db");
        p.Env("""System.IO.File.WriteAllText("offline.txt", context.IsOffline ? "offline" : "online");""");
        var refused = await p.Retort("revision", "--sql", "-m", "one");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("FAILED: Using --sql with the revision command when revision_environment is not configured does not make any sense: set revision_environment = true in retort.toml to run env.cs offline.\n", refused.Stderr);
        Assert.Empty(p.Revisions());

        File.WriteAllText(p["retort.toml"], File.ReadAllText(p["retort.toml"]).Replace("[retort]\n", "[retort]\nrevision_environment = true\n"));
        await Ok(p, "revision", "--sql", "-m", "one");
        Assert.Equal("offline", File.ReadAllText(p["offline.txt"]));
        Assert.Single(p.Revisions());
        Assert.False(File.Exists(p["app.db"]));
        await Ok(p, "revision", "-m", "two");
        Assert.Equal("online", File.ReadAllText(p["offline.txt"]));
        var auto = await p.Retort("revision", "--sql", "--autogenerate", "-m", "three");
        Assert.Equal(1, auto.ExitCode);
        Assert.Equal("FAILED: Using --sql with --autogenerate does not make any sense: autogenerate reads the database.\n", auto.Stderr);
        Assert.Equal(2, p.Revisions().Length);

        // Real Alembic on the same two cases: refused without revision_environment, env.py offline with it.
        using var alembic = new TempDir();
        Assert.Equal(0, PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "init", "mig").ExitCode);
        var without = PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "revision", "--sql", "-m", "one");
        Assert.Contains("Using --sql with the revision command when revision_environment is not configured does not make any sense", without.All);
        File.WriteAllText(alembic["alembic.ini"], File.ReadAllText(alembic["alembic.ini"]).Replace("[alembic]\n", "[alembic]\nrevision_environment = true\n")
            .Replace("sqlalchemy.url = driver://user:pass@localhost/dbname", "sqlalchemy.url = sqlite:///alembic.db"));
        var with = PostWriteHookTests.Python(alembic.Path, "-m", "alembic", "revision", "--sql", "-m", "one");
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Single(Directory.GetFiles(alembic["mig/versions"], "*.py"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Recursive_version_locations_find_revisions_in_subfolders(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        TwoRevisions(p, "migrations/versions/2026/q4");
        p.Write("migrations/versions/c3_top.cs", RevisionFile("c3", "b2", "op.AddColumn(\"t1\", new Column(\"n\", SqlType.Integer()));", "op.DropColumn(\"t1\", \"n\");"));
        var flat = await p.Retort("heads");
        Assert.Equal(1, flat.ExitCode);
        Assert.Contains("names down revision 'b2' which does not exist", flat.Stderr);

        File.WriteAllText(p["retort.toml"], File.ReadAllText(p["retort.toml"]).Replace("[retort]\n", "[retort]\nrecursive_version_locations = true\n"));
        await Ok(p, "upgrade", "head");
        Assert.Equal(["c3"], await db.QueryAsync("SELECT version_num FROM retort_version"));
        Assert.Equal(["4711|NULL"], await db.QueryAsync("SELECT id, n FROM t1"));
        // A new revision on top of one in a subfolder goes beside its parent.
        await Ok(p, "downgrade", "a1");
        Assert.Equal(["a1"], await db.QueryAsync("SELECT version_num FROM retort_version"));
        await Ok(p, "revision", "-m", "four", "--rev-id", "d4", "--head", "c3");
        Assert.True(File.Exists(p["migrations/versions/d4_four.cs"]));
    }
}
