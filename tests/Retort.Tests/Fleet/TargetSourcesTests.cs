using Microsoft.Data.Sqlite;
using Retort.Fleet;

namespace Retort.Tests.Fleet;

/// <summary>Where a fleet's targets come from ([fleet] targets, targets_command, targets_query, --targets), and bad input.</summary>
public class TargetSourcesTests
{
    [Fact]
    public async Task Targets_from_a_command_and_from_a_query_on_the_configured_database()
    {
        using var byCommand = new FleetProject(fleetConfig: "[fleet]\ntargets_command = \"printf 'sqlite:///c1.db\\\\nsqlite:///c2.db\\\\n'\"");
        var report = await byCommand.Library(new FleetOptions()).UpgradeAsync("head");
        Assert.Equal(["sqlite:///c1.db", "sqlite:///c2.db"], report.Targets.Select(t => t.Target));
        Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync("sqlite:///c2.db", byCommand.Path));

        using var byQuery = new FleetProject(fleetConfig: "[fleet]\ntargets_query = \"SELECT url FROM tenants WHERE active ORDER BY name\"");
        using (var c = new SqliteConnection($"Data Source={byQuery["registry.db"]};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE tenants (name TEXT, url TEXT, active INT); INSERT INTO tenants VALUES ('b', 'sqlite:///b.db', 1), ('a', 'sqlite:///a.db', 1), ('x', 'sqlite:///x.db', 0)";
            cmd.ExecuteNonQuery();
        }
        var queried = await byQuery.Library(new FleetOptions()).UpgradeAsync("head");
        Assert.Equal(["sqlite:///a.db", "sqlite:///b.db"], queried.Targets.Select(t => t.Target));
        Assert.All(queried.Targets, t => Assert.Equal("ok", t.Status));
        Assert.False(File.Exists(byQuery["x.db"]));
    }

    [Theory]
    [InlineData("", "targets.txt", "sqlite:///a.db\nsqlite:///b.db\nsqlite:///a.db", "FAILED: targets.txt line 3: sqlite:///a.db is already listed on line 1.")]
    [InlineData("", "targets.txt", "# nothing here\n\n", "FAILED: No fleet targets: targets.txt lists none.")]
    [InlineData("", "missing.txt", null, "FAILED: Fleet targets file not found: {dir}/missing.txt")]
    [InlineData("", null, null, "FAILED: No fleet targets: set targets, targets_command or targets_query in [fleet] of retort.toml, or pass --targets FILE.")]
    [InlineData("[fleet]\ntargets = \"t.txt\"\ntargets_command = \"cat t.txt\"", null, null, "FAILED: [fleet] of retort.toml sets more than one of targets, targets_command and targets_query: keep one.")]
    [InlineData("[fleet]\nparalel = 4", null, null, "FAILED: Unknown key 'paralel' in [fleet] of retort.toml; known keys: targets, targets_command, targets_query, parallel, canary.")]
    [InlineData("[fleet]\ntargets_command = \"echo no >&2; exit 3\"", null, null, "FAILED: targets_command exited with 3: no")]
    [InlineData("", "targets.txt", "sqlite:///${RETORT_FLEET_UNSET_VAR}/a.db", "FAILED: targets.txt line 1 refers to ${RETORT_FLEET_UNSET_VAR} but that environment variable is not set.")]
    public async Task Bad_input_is_one_failed_line_and_nothing_runs(string fleetConfig, string? targetsFile, string? content, string expected)
    {
        using var project = new FleetProject(fleetConfig: fleetConfig);
        if (content is not null) File.WriteAllText(project[targetsFile!], content);
        string[] args = targetsFile is null ? ["fleet", "upgrade"] : ["fleet", "upgrade", "--targets", targetsFile];
        var run = await project.Retort(args);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected.Replace("{dir}", Path.GetFullPath(project.Path)) + "\n", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(File.Exists(project["a.db"]));
    }

    [Fact]
    public async Task A_compile_error_is_one_failure_before_any_target_is_touched()
    {
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", ["sqlite:///a.db", "sqlite:///b.db"]);
        var file = Directory.GetFiles(project["migrations/versions"], "*_rev_2.cs").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("op.AddColumn(", "op.AddColumnn("));
        var run = await project.Retort("fleet", "upgrade", "--targets", "targets.txt", "--report", "r.json");
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("FAILED: 1 compile error(s) in the migration scripts; nothing was run.\n", run.Stderr);
        Assert.Contains("_rev_2.cs", run.Stderr);
        Assert.False(File.Exists(project["a.db"]));
        Assert.False(File.Exists(project["r.json"]));
    }

    [Fact]
    public async Task An_env_file_url_never_replaces_the_targets()
    {
        using var project = new FleetProject();
        File.Copy(Path.Combine(MarkdownBlocksRoot(), "src/Retort/Templates/generic/env.cs"), project["migrations/env.cs"]);
        project.WriteTargets("targets.txt", ["sqlite:///a.db", "sqlite:///b.db"]);
        var run = await project.Retort("-x", "url=sqlite:///other.db", "fleet", "upgrade", "--targets", "targets.txt", "--report", "r.json");
        Assert.Equal(1, run.ExitCode);
        Assert.All(FleetProject.ReportTargets(project["r.json"]), t => Assert.Equal(
            "env.cs changed the database URL (e.g. from -x url=…), but in a fleet run each target's URL comes from the fleet's targets: drop -x url.", (string)t!["error"]!));
        Assert.False(File.Exists(project["other.db"]));
    }

    private static string MarkdownBlocksRoot() => Docs.MarkdownBlocks.RepoRoot;

    [Fact]
    public async Task A_bad_report_to_retry_and_a_bad_parallel_are_refused()
    {
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", ["sqlite:///a.db"]);
        File.WriteAllText(project["old.json"], "{\"not\": \"a report\"}");
        var retry = await project.Retort("fleet", "upgrade", "--targets", "targets.txt", "--retry-failed", "old.json");
        Assert.Equal((1, "FAILED: old.json is not a fleet report: it has no \"targets\" list.\n"), (retry.ExitCode, retry.Stderr));
        var parallel = await project.Retort("fleet", "upgrade", "--targets", "targets.txt", "--parallel", "0");
        Assert.Equal((1, "FAILED: --parallel must be between 1 and 1024; got 0.\n"), (parallel.ExitCode, parallel.Stderr));
        Assert.False(File.Exists(project["a.db"]));
    }
}
