using Retort.Tests.Cli;

namespace Retort.Tests.Fleet;

/// <summary>Ctrl-C in the middle of a fleet run: the report is still written, whole, and says who is where.</summary>
public class FleetInterruptTests
{
    private static string Tenant(int i) => $"sqlite:///tenants/t{i:D3}.db";

    [Fact]
    public async Task Ctrl_C_writes_a_whole_report_that_matches_every_database()
    {
        using var project = new FleetProject();
        // A fourth revision that takes a while, so that the run is still going when it is interrupted.
        File.WriteAllText(project["migrations/versions/a00000000004_slow.cs"], $$"""
            using Retort;

            [Revision("a00000000004", DownRevision = "{{FleetProject.Head}}", Message = "slow")]
            public sealed class Slow : Migration
            {
                public override void Upgrade(Operations op)
                {
                    op.Run(async (db, ct) => await Task.Delay(400, ct));
                    op.Execute("CREATE TABLE done_marker (id INTEGER)");
                }

                public override void Downgrade(Operations op) => op.DropTable("done_marker");
            }
            """);
        Directory.CreateDirectory(project["tenants"]);
        project.WriteTargets("targets.txt", Enumerable.Range(1, 40).Select(Tenant));

        using var run = CliProcess.Start(project.Path, "fleet", "upgrade", "head", "--targets", "targets.txt", "--parallel", "2",
            "--create-database", "--report", "report.json");
        await run.WaitForLineAsync("[ 3/40] ok");
        Assert.False(run.HasExited, "the run ended before it could be interrupted");
        run.Interrupt();
        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(result.Stderr.Contains("FAILED: Fleet run interrupted", StringComparison.Ordinal), result.Stderr);
        Assert.Matches(@"FAILED: Fleet run interrupted: \d+ ok, \d+ failed, \d+ skipped of 40 target\(s\) in [0-9.]+ s; the report lists them: report.json\.\n$", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);

        var report = FleetProject.ReportTargets(project["report.json"]);
        Assert.Equal(Enumerable.Range(1, 40).Select(Tenant), report.Select(t => (string)t!["target"]!));
        Assert.True((bool)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(project["report.json"]))!["interrupted"]!);
        var statuses = report.Select(t => (string)t!["status"]!).ToList();
        Assert.InRange(statuses.Count(s => s == "ok"), 3, 37);
        Assert.Contains("skipped", statuses);
        for (var i = 1; i <= 40; i++)
        {
            var entry = report[i - 1]!;
            // Read only where the file must exist: opening an SQLite URL creates the file.
            async Task<List<string>> Versions() => await FleetProject.VersionsAsync(Tenant(i), project.Path);
            switch ((string)entry["status"]!)
            {
                case "ok":
                    Assert.Equal(["a00000000004"], await Versions());
                    break;
                case "skipped":
                    // Never connected to: not even created.
                    Assert.Equal("not run: the fleet run was interrupted", (string)entry["error"]!);
                    Assert.False(File.Exists(project[$"tenants/t{i:D3}.db"]), $"target {i} was skipped but its file exists");
                    break;
                default:
                    // Cut short: the report says where it stands, and that is where its version table is.
                    Assert.Equal("interrupted while running", (string)entry["error"]!);
                    var versions = await Versions();
                    Assert.Equal(versions.Count == 0 ? "base" : string.Join(",", versions), (string?)entry["to"]);
                    break;
            }
        }

        // The interrupted and skipped targets are finished by a plain rerun; every target ends at head.
        var rerun = await project.Retort("fleet", "upgrade", "head", "--targets", "targets.txt", "--create-database");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        for (var i = 1; i <= 40; i++) Assert.Equal(["a00000000004"], await FleetProject.VersionsAsync(Tenant(i), project.Path));
    }
}
