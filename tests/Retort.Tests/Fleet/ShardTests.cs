using System.Text.Json.Nodes;
using Retort.Fleet;

namespace Retort.Tests.Fleet;

/// <summary>--shard K/N: N machines cover every target exactly once, and a target keeps its machine.</summary>
public class ShardTests
{
    private static IReadOnlyList<FleetTarget> Targets(int count) =>
        TargetSources.Parse(Enumerable.Range(1, count).Select(i => $"postgresql://app:secret{i}@db{i % 7}.internal:5432/tenant_{i}").ToList(), "test");

    [Fact]
    public void Shards_1_to_3_of_3_cover_every_target_exactly_once()
    {
        var targets = Targets(200);
        var shards = Enumerable.Range(1, 3).Select(k => new Shard(k, 3).Select(targets)).ToList();
        Assert.Equal(targets.Count, shards.Sum(s => s.Count));
        Assert.Equal(targets.Select(t => t.Display).Order(), shards.SelectMany(s => s).Select(t => t.Display).Order());
        Assert.All(shards, s => Assert.InRange(s.Count, 40, 95));
    }

    [Fact]
    public void A_target_keeps_its_shard_when_the_list_grows_and_its_password_changes()
    {
        var before = Targets(100);
        var after = Targets(150);
        foreach (var t in before) Assert.Equal(Shard.Of(t, 4), Shard.Of(after.Single(a => a.Display == t.Display), 4));
        var rotated = new FleetTarget(before[0].Url.Replace("secret1@", "rotated@"));
        Assert.Equal(Shard.Of(before[0], 4), Shard.Of(rotated, 4));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    public void A_bad_shard_is_one_clear_error(string text)
    {
        var e = Assert.Throws<RetortException>(() => Shard.Parse(text));
        Assert.Equal($"Bad shard '{text}': expected K/N with 1 <= K <= N, e.g. 2/3 (machine 2 of 3).", e.Message);
    }

    [Fact]
    public async Task Shards_of_a_real_run_cover_the_fleet_exactly_once()
    {
        using var project = new FleetProject();
        var all = Enumerable.Range(1, 30).Select(i => $"sqlite:///tenants/s{i:D2}.db").ToList();
        project.WriteTargets("targets.txt", all);
        Directory.CreateDirectory(project["tenants"]);
        // Machine 2 of 3 through the real CLI; machines 1 and 3 through the library.
        var run = await project.Retort("--json", "fleet", "upgrade", "--targets", "targets.txt", "--shard", "2/3");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("2/3", (string)report["shard"]!);
        var seen = ((JsonArray)report["targets"]!).Select(t => (string)t!["target"]!).ToList();
        foreach (var k in new[] { 1, 3 })
        {
            var options = new FleetOptions { TargetsFile = project["targets.txt"], Shard = new Shard(k, 3) };
            seen.AddRange((await project.Library(options).UpgradeAsync("head")).Targets.Select(t => t.Target));
        }
        Assert.Equal(all.Order(), seen.Order());
        foreach (var url in all) Assert.Equal([FleetProject.Head], await FleetProject.VersionsAsync(url, project.Path));
    }
}
