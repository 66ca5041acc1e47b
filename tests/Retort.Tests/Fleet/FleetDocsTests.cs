using System.Text.Json.Nodes;
using Retort.Configuration;
using Retort.Fleet;
using Retort.Tests.Docs;

namespace Retort.Tests.Fleet;

/// <summary>docs/fleet.md shows the report and the [fleet] table as the code writes and reads them.</summary>
public class FleetDocsTests
{
    private static IEnumerable<string> Keys(JsonObject o) => o.Select(p => p.Key);

    [Fact]
    public async Task The_documented_report_has_the_keys_of_a_real_one()
    {
        var documented = JsonNode.Parse(MarkdownBlocks.Read("docs/fleet.md").Single(b => b.Language == "json").Text)!.AsObject();
        using var project = new FleetProject();
        project.WriteTargets("targets.txt", ["sqlite:///a.db"]);
        var real = (await project.Library(new FleetOptions { TargetsFile = project["targets.txt"] }).UpgradeAsync("head")).ToJson();
        Assert.Equal(Keys(real), Keys(documented));
        Assert.Equal(Keys(real["summary"]!.AsObject()), Keys(documented["summary"]!.AsObject()));
        Assert.All(documented["targets"]!.AsArray(), t => Assert.Equal(Keys(real["targets"]![0]!.AsObject()), Keys(t!.AsObject())));
    }

    [Fact]
    public async Task The_documented_fleet_table_is_accepted()
    {
        var toml = MarkdownBlocks.Read("docs/fleet.md").Single(b => b.Language == "toml").Text;
        using var project = new FleetProject();
        File.WriteAllText(project["retort.toml"], toml.Replace("${REGISTRY_PASSWORD}", "x"));
        File.WriteAllText(project["targets.txt"], "sqlite:///a.db\n");
        var settings = FleetSettings.From(ConfigLoader.Load(project["retort.toml"]));
        Assert.Equal(new FleetSettings { Targets = "targets.txt", Parallel = 8, Canary = 0 }, settings);
        var run = await project.Retort("-q", "fleet", "current");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sqlite:///a.db: base\n", run.Stdout);
    }
}
