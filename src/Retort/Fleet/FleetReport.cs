using System.Text.Json;
using System.Text.Json.Nodes;

namespace Retort.Fleet;

/// <summary>What happened to one target. URLs are masked; <c>From</c>/<c>To</c> are revisions ("base" for none).</summary>
public sealed record TargetResult(string Target, string Status, string? From, string? To, double Seconds, string? Error)
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

/// <summary>A fleet run's report, in target order; written as JSON by <c>--report</c> and read by <c>--retry-failed</c>.</summary>
public sealed record FleetReport(string Command, DateTime StartedUtc, double Seconds, int Parallel, string? Shard, IReadOnlyList<TargetResult> Targets)
{
    /// <summary>The run was cancelled (Ctrl-C): targets never started are <c>skipped</c>, those cut short <c>failed</c>.</summary>
    public bool Interrupted { get; init; }

    public int Count(string status) => Targets.Count(t => t.Status == status);

    public bool AnyFailed => Targets.Any(t => t.Status == TargetResult.Failed);

    public string Summary => (Interrupted ? "interrupted: " : "") + Counts;

    /// <summary>How many targets ended how, and how long the run took.</summary>
    public string Counts =>
        $"{Count(TargetResult.Ok)} ok, {Count(TargetResult.Failed)} failed, {Count(TargetResult.Skipped)} skipped of {Targets.Count} target(s) in {Seconds:0.0} s";

    public JsonObject ToJson() => new()
    {
        ["command"] = Command,
        ["started"] = StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["seconds"] = Math.Round(Seconds, 3),
        ["parallel"] = Parallel,
        ["shard"] = Shard,
        ["interrupted"] = Interrupted,
        ["summary"] = new JsonObject
        {
            ["ok"] = Count(TargetResult.Ok),
            ["failed"] = Count(TargetResult.Failed),
            ["skipped"] = Count(TargetResult.Skipped),
        },
        ["targets"] = new JsonArray(Targets.Select(t => (JsonNode?)new JsonObject
        {
            ["target"] = t.Target,
            ["status"] = t.Status,
            ["from"] = t.From,
            ["to"] = t.To,
            ["seconds"] = Math.Round(t.Seconds, 3),
            ["error"] = t.Error,
        }).ToArray()),
    };

    /// <summary>Written to a temporary file beside <paramref name="path"/> and moved over it: never half a report.</summary>
    public void Write(string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The masked URLs of the targets that failed in the report at <paramref name="path"/>.</summary>
    public static IReadOnlySet<string> FailedTargets(string path)
    {
        if (!File.Exists(path)) throw new RetortException($"Fleet report not found: {Path.GetFullPath(path)}");
        try
        {
            var targets = JsonNode.Parse(File.ReadAllText(path))?["targets"] as JsonArray
                          ?? throw new RetortException($"{path} is not a fleet report: it has no \"targets\" list.");
            return targets.Where(t => t?["status"]?.GetValue<string>() == TargetResult.Failed)
                .Select(t => t!["target"]?.GetValue<string>() ?? throw new RetortException($"{path}: a failed entry has no \"target\"."))
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new RetortException($"{path} is not a fleet report: {e.Message}");
        }
    }
}
