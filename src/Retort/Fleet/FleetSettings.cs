using Retort.Configuration;

namespace Retort.Fleet;

/// <summary>The <c>[fleet]</c> table of retort.toml: where the targets come from, the connection budget, canaries.</summary>
public sealed record FleetSettings
{
    public const int DefaultParallel = 8;

    private static readonly string[] KnownKeys = ["targets", "targets_command", "targets_query", "parallel", "canary"];

    /// <summary>A file with one URL per line, relative to the config file's folder.</summary>
    public string? Targets { get; init; }

    /// <summary>A shell command that prints one URL per line.</summary>
    public string? TargetsCommand { get; init; }

    /// <summary>A query run on the configured <c>url</c> whose first column is the targets' URLs.</summary>
    public string? TargetsQuery { get; init; }

    /// <summary>How many targets run at once: at most this many connections are open at any time.</summary>
    public int Parallel { get; init; } = DefaultParallel;

    /// <summary>How many targets (the first ones) run before the others, which are skipped if any of them fails.</summary>
    public int Canary { get; init; }

    /// <summary>Reads <c>[fleet]</c> from the configuration; defaults when the table is absent.</summary>
    public static FleetSettings From(RetortConfig config)
    {
        if (!config.Extra.TryGetValue("fleet", out var value)) return new FleetSettings();
        var file = Path.GetFileName(config.ConfigFile ?? ConfigLoader.DefaultFileName);
        if (value is not IEnumerable<KeyValuePair<string, object>> table) throw new RetortException($"fleet in {file} must be a table: [fleet].");
        var settings = new FleetSettings();
        foreach (var entry in table)
        {
            var key = entry.Key;
            settings = key switch
            {
                "targets" => settings with { Targets = Text(key, entry.Value, file) },
                "targets_command" => settings with { TargetsCommand = Text(key, entry.Value, file) },
                "targets_query" => settings with { TargetsQuery = Text(key, entry.Value, file) },
                "parallel" => settings with { Parallel = CheckParallel(Number(key, entry.Value, file), $"fleet.parallel in {file}") },
                "canary" => settings with { Canary = CheckCanary(Number(key, entry.Value, file), $"fleet.canary in {file}") },
                _ => throw new RetortException($"Unknown key '{key}' in [fleet] of {file}; known keys: {string.Join(", ", KnownKeys)}."),
            };
        }
        var sources = new[] { settings.Targets, settings.TargetsCommand, settings.TargetsQuery }.Count(s => s is not null);
        if (sources > 1) throw new RetortException($"[fleet] of {file} sets more than one of targets, targets_command and targets_query: keep one.");
        return settings;
    }

    public static int CheckParallel(long value, string what) =>
        value is >= 1 and <= 1024 ? (int)value : throw new RetortException($"{what} must be between 1 and 1024; got {value}.");

    public static int CheckCanary(long value, string what) =>
        value is >= 0 and <= int.MaxValue ? (int)value : throw new RetortException($"{what} must be 0 or more; got {value}.");

    private static string Text(string key, object? value, string file) =>
        value is string s && s.Trim().Length > 0
            ? ConfigLoader.Expand(s, "fleet." + key)
            : throw new RetortException($"fleet.{key} in {file} must be a non-empty string.");

    private static long Number(string key, object? value, string file) =>
        value is long n ? n : throw new RetortException($"fleet.{key} in {file} must be a whole number.");
}
