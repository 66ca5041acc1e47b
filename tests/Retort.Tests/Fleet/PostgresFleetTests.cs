using System.Collections.Concurrent;
using Retort.Tests.Cli;

namespace Retort.Tests.Fleet;

/// <summary>
/// 50 databases on the real PostgreSQL server, parallel 8, two `retort fleet upgrade` processes at once on the same
/// fleet: each database at head, each revision applied once, never more than 8 connections per process.
/// </summary>
public class PostgresFleetTests
{
    [Fact]
    public async Task Two_processes_on_fifty_databases_apply_each_revision_once_within_the_budget()
    {
        await using var fleet = await ServerFleet.CreateAsync("postgresql", 50);
        using var project = new FleetProject();
        // The same databases for both processes; the application name tells their connections apart in pg_stat_activity.
        project.WriteTargets("a.txt", fleet.Urls.Select(u => u + "?ApplicationName=fleet-a"));
        project.WriteTargets("b.txt", fleet.Urls.Select(u => u + "?ApplicationName=fleet-b"));

        var peak = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var counts = await fleet.QueryCountsAsync(
                    $"SELECT application_name, COUNT(*) FROM pg_stat_activity WHERE datname LIKE '{fleet.Prefix}%' GROUP BY application_name");
                foreach (var (app, count) in counts) peak.AddOrUpdate(app, count, (_, old) => Math.Max(old, count));
                await Task.Delay(20);
            }
        });
        var a = CliProcess.Start(project.Path, "fleet", "upgrade", "head", "--targets", "a.txt", "--parallel", "8", "--report", "a.json");
        var b = CliProcess.Start(project.Path, "fleet", "upgrade", "head", "--targets", "b.txt", "--parallel", "8", "--report", "b.json");
        var ra = await a.WaitAsync();
        var rb = await b.WaitAsync();
        await stop.CancelAsync();
        await sampler;
        a.Dispose();
        b.Dispose();

        Assert.True(ra.ExitCode == 0, ra.ToString());
        Assert.True(rb.ExitCode == 0, rb.ToString());
        Assert.DoesNotContain(fleet.Password, ra.All + rb.All + File.ReadAllText(project["a.json"]) + File.ReadAllText(project["b.json"]));
        Assert.InRange(peak.GetValueOrDefault("fleet-a"), 1, 8);
        Assert.InRange(peak.GetValueOrDefault("fleet-b"), 1, 8);
        // No connection stays behind in a pool once a target is done.
        Assert.Empty(await fleet.QueryCountsAsync($"SELECT datname, COUNT(*) FROM pg_stat_activity WHERE datname LIKE '{fleet.Prefix}%' GROUP BY datname"));

        var reportA = FleetProject.ReportTargets(project["a.json"]);
        var reportB = FleetProject.ReportTargets(project["b.json"]);
        Assert.Equal(50, reportA.Count);
        Assert.Equal(50, reportB.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("postgresql://retort:***@" + fleet.Urls[i][(fleet.Urls[i].IndexOf('@') + 1)..] + "?ApplicationName=fleet-a", (string)reportA[i]!["target"]!);
            Assert.Equal(("ok", "ok"), ((string)reportA[i]!["status"]!, (string)reportB[i]!["status"]!));
            // One of the two upgraded it from base; the other, waiting on its lock, found it at head.
            Assert.Equal(new[] { "base", FleetProject.Head }.Order(StringComparer.Ordinal), new[] { (string)reportA[i]!["from"]!, (string)reportB[i]!["from"]! }.Order(StringComparer.Ordinal));
            Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(fleet.Urls[i], project.Path));
            Assert.Equal([$"{FleetProject.Id(1)} upgrade", $"{FleetProject.Id(2)} upgrade", $"{FleetProject.Id(3)} upgrade"],
                await FleetProject.HistoryAsync(fleet.Urls[i], project.Path));
        }
    }
}
