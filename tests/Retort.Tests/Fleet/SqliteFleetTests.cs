using Microsoft.Data.Sqlite;
using Retort.Fleet;

namespace Retort.Tests.Fleet;

/// <summary>Fleets of real SQLite files: one broken target among 200, retrying only it, canaries.</summary>
public class SqliteFleetTests
{
    private static string Tenant(int i) => $"sqlite:///tenants/t{i:D3}.db";

    private static void Break(FleetProject project, int i)
    {
        // A table the first revision creates, already there: that target's upgrade fails on CREATE TABLE.
        Directory.CreateDirectory(project["tenants"]);
        using var c = new SqliteConnection($"Data Source={project[$"tenants/t{i:D3}.db"]};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE TABLE tenant_data (x TEXT)";
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task Two_hundred_targets_with_one_broken_then_retry_only_it()
    {
        using var project = new FleetProject();
        // ${TENANTS} is read from the environment; comments and blank lines are skipped.
        project.WriteTargets("targets.txt", ["# tenants of the test fleet", "", .. Enumerable.Range(1, 200).Select(i => Tenant(i).Replace("tenants/", "${TENANTS}/"))]);
        Break(project, 137);
        var env = new Dictionary<string, string> { ["TENANTS"] = "tenants" };

        var run = await project.Retort(env, "fleet", "upgrade", "head", "--targets", "targets.txt", "--parallel", "8", "--report", "report.json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.EndsWith("FAILED: 1 of 200 fleet target(s) failed; the report lists them: report.json.\n", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Contains("Fleet upgrade head: 199 ok, 1 failed, 0 skipped of 200 target(s)", run.Stdout);

        var report = FleetProject.ReportTargets(project["report.json"]);
        Assert.Equal(Enumerable.Range(1, 200).Select(Tenant), report.Select(t => (string)t!["target"]!));
        var failed = Assert.Single(report, t => (string)t!["status"]! == "failed")!;
        Assert.Equal(Tenant(137), (string)failed["target"]!);
        Assert.Contains("table \"tenant_data\" already exists", (string)failed["error"]!);
        Assert.Equal("base", (string?)failed["to"]);
        Assert.All(report.Where(t => t != failed), t =>
        {
            Assert.Equal("ok", (string)t!["status"]!);
            Assert.Equal("base", (string)t["from"]!);
            Assert.Equal(FleetProject.Head, (string)t["to"]!);
        });

        for (var i = 1; i <= 200; i++)
            Assert.Equal(i == 137 ? [] : [FleetProject.Head], await FleetProject.VersionsAsync(Tenant(i), project.Path));
        Assert.Empty(Directory.GetFiles(project["tenants"], "*.retort-lock"));

        using (var c = new SqliteConnection($"Data Source={project["tenants/t137.db"]};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE tenant_data";
            cmd.ExecuteNonQuery();
        }
        var retry = await project.Retort(env, "fleet", "upgrade", "head", "--targets", "targets.txt", "--retry-failed", "report.json", "--report", "retry.json");
        Assert.True(retry.ExitCode == 0, retry.ToString());
        var retried = Assert.Single(FleetProject.ReportTargets(project["retry.json"]))!;
        Assert.Equal((Tenant(137), "ok", "base", FleetProject.Head), ((string)retried["target"]!, (string)retried["status"]!, (string)retried["from"]!, (string)retried["to"]!));
        Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(Tenant(137), project.Path));
        // Each revision ran once on every target: the first run and the retry together.
        for (var i = 1; i <= 200; i += 17)
            Assert.Equal([$"{FleetProject.Id(1)} upgrade", $"{FleetProject.Id(2)} upgrade", $"{FleetProject.Id(3)} upgrade"],
                await FleetProject.HistoryAsync(Tenant(i), project.Path));
    }

    [Fact]
    public async Task A_failed_canary_leaves_the_rest_untouched()
    {
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", Enumerable.Range(1, 12).Select(Tenant));
        Break(project, 2);

        var report = await project.Library(new FleetOptions { TargetsFile = project["targets.txt"], Canary = 3, Parallel = 2 }).UpgradeAsync("head");

        Assert.Equal(["ok", "failed", "ok", .. Enumerable.Repeat("skipped", 9)], report.Targets.Select(t => t.Status));
        Assert.All(report.Targets.Skip(3), t => Assert.Equal($"not run: canary {Tenant(2)} failed", t.Error));
        // Untouched: a skipped target's file was never even created.
        for (var i = 4; i <= 12; i++) Assert.False(File.Exists(project[$"tenants/t{i:D3}.db"]), $"t{i:D3}.db exists");
        Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(Tenant(3), project.Path));

        // With passing canaries the rest follows in the same run.
        project.WriteTargets("targets.txt", [.. Enumerable.Range(3, 10).Select(Tenant)]);
        var second = await project.Library(new FleetOptions { TargetsFile = project["targets.txt"], Canary = 2 }).UpgradeAsync("head");
        Assert.All(second.Targets, t => Assert.Equal("ok", t.Status));
        Assert.Equal(FleetProject.Head, second.Targets[0].From);
        Assert.Equal("base", second.Targets[5].From);
    }

    [Fact]
    public async Task Downgrade_and_current_across_the_fleet()
    {
        using var project = new FleetProject(fleetConfig: "[fleet]\ntargets = \"targets.txt\"\nparallel = 3");
        project.WriteTargets("targets.txt", Enumerable.Range(1, 6).Select(Tenant));
        Directory.CreateDirectory(project["tenants"]);
        Assert.False((await project.Library(new FleetOptions()).UpgradeAsync("head")).AnyFailed);

        var down = await project.Retort("fleet", "downgrade", "-1", "--report", "down.json");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.All(FleetProject.ReportTargets(project["down.json"]), t => Assert.Equal(FleetProject.Id(2), (string)t!["to"]!));

        var current = await project.Retort("-q", "fleet", "current");
        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.Equal(string.Concat(Enumerable.Range(1, 6).Select(i => $"{Tenant(i)}: {FleetProject.Id(2)}\n"))
                     + "Fleet current: 6 ok, 0 failed, 0 skipped of 6 target(s)", current.Stdout[..current.Stdout.LastIndexOf(" in ", StringComparison.Ordinal)]);
        Assert.Equal("", current.Stderr);
        Assert.Equal([FleetProject.Id(2)], await FleetProject.VersionsAsync(Tenant(4), project.Path));
    }

    [Fact]
    public async Task Verify_names_each_target_with_an_edited_revision()
    {
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", Enumerable.Range(1, 4).Select(Tenant));
        Directory.CreateDirectory(project["tenants"]);
        var options = new FleetOptions { TargetsFile = project["targets.txt"] };
        Assert.False((await project.Library(options).UpgradeAsync(FleetProject.Id(2))).AnyFailed);
        Assert.False((await project.Library(options).VerifyAsync()).AnyFailed);

        var file = Directory.GetFiles(project["migrations/versions"], "*_rev_1.cs").Single();
        File.AppendAllText(file, "// edited after it was applied\n");
        var verify = await project.Library(options).VerifyAsync();
        Assert.All(verify.Targets, t =>
        {
            Assert.Equal("failed", t.Status);
            Assert.StartsWith($"{FleetProject.Id(1)}: changed:", t.Error);
        });
    }

    [Fact]
    public async Task Check_fails_the_targets_whose_schema_differs_from_the_model()
    {
        using var project = new FleetProject();
        File.WriteAllText(project["migrations/env.cs"], """
            using Retort;
            using Retort.Schema;

            public sealed class Env : MigrationEnvironment
            {
                public override void Configure(EnvironmentContext context) =>
                    context.TargetModel = new MetaData().Table("tenant_data",
                        new Column("id", SqlType.Integer()) { PrimaryKey = true },
                        new Column("name", SqlType.String(50)),
                        new Column("note", SqlType.String(100)) { Nullable = true });
            }
            """);
        Directory.CreateDirectory(project["tenants"]);
        project.WriteTargets("current.txt", [Tenant(1), Tenant(2)]);
        project.WriteTargets("behind.txt", [Tenant(3)]);
        project.WriteTargets("all.txt", [Tenant(1), Tenant(2), Tenant(3)]);
        Assert.False((await project.Library(new FleetOptions { TargetsFile = project["current.txt"] }).UpgradeAsync(FleetProject.Id(2))).AnyFailed);
        Assert.False((await project.Library(new FleetOptions { TargetsFile = project["behind.txt"] }).UpgradeAsync(FleetProject.Id(1))).AnyFailed);

        var check = await project.Retort("fleet", "check", "--targets", "all.txt", "--report", "check.json");
        Assert.Equal(1, check.ExitCode);
        Assert.EndsWith("FAILED: 1 of 3 fleet target(s) failed; the report lists them: check.json.\n", check.Stderr);
        var report = FleetProject.ReportTargets(project["check.json"]);
        Assert.Equal(["ok", "ok", "failed"], report.Select(t => (string)t!["status"]!));
        Assert.StartsWith("1 difference(s) from the model: ", (string)report[2]!["error"]!);
        Assert.Contains("note", (string)report[2]!["error"]!);
    }
}
