using Retort.Fleet;

namespace Retort.Tests.Fleet;

/// <summary>20 databases on the real MariaDB server through the library API: upgrade, a missing one failing alone, --create-database.</summary>
public class MariaDbFleetTests
{
    [Fact]
    public async Task Twenty_databases_upgrade_to_head_and_back()
    {
        await using var fleet = await ServerFleet.CreateAsync("mysql", 20);
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", fleet.Urls);
        var output = new StringWriter();

        var up = await project.Library(new FleetOptions { TargetsFile = project["targets.txt"], Parallel = 4, ReportFile = project["up.json"] }, output).UpgradeAsync("head");
        Assert.False(up.AnyFailed, output.ToString());
        Assert.Equal(20, up.Count("ok"));
        Assert.DoesNotContain(fleet.Password, output + File.ReadAllText(project["up.json"]));
        foreach (var url in fleet.Urls)
        {
            Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(url, project.Path));
            Assert.Equal(["id", "name", "note"], await FleetProject.QueryAsync(url, project.Path,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'tenant_data' ORDER BY ordinal_position"));
        }

        // A database dropped behind the fleet's back fails alone; the others still go down.
        await fleet.ExecuteAsync([$"DROP DATABASE {fleet.Names[6]}"]);
        var down = await project.Library(new FleetOptions { TargetsFile = project["targets.txt"], Parallel = 4 }).DowngradeAsync(FleetProject.Id(1));
        var failed = Assert.Single(down.Targets, t => t.Status == "failed");
        Assert.Contains(fleet.Names[6], failed.Error);
        Assert.DoesNotContain(fleet.Password, failed.Error);
        foreach (var url in fleet.Urls.Where((_, i) => i != 6))
            Assert.Equal([FleetProject.Id(1)], await FleetProject.VersionsAsync(url, project.Path));

        // --create-database brings the dropped one back, and every target ends at head again.
        var again = await project.Library(new FleetOptions { TargetsFile = project["targets.txt"], Parallel = 4 }, createDatabase: true).UpgradeAsync("head");
        Assert.False(again.AnyFailed, string.Join("\n", again.Targets.Select(t => t.Error)));
        Assert.Equal(("base", FleetProject.Head), (again.Targets[6].From, again.Targets[6].To));
        Assert.Equal((FleetProject.Id(1), FleetProject.Head), (again.Targets[0].From, again.Targets[0].To));
        foreach (var url in fleet.Urls) Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(url, project.Path));
    }
}
