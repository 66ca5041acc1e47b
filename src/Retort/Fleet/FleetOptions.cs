namespace Retort.Fleet;

/// <summary>The options of one fleet run; null means the <c>[fleet]</c> setting (or its default).</summary>
public sealed record FleetOptions
{
    /// <summary><c>--targets FILE</c>: replaces the configured targets source.</summary>
    public string? TargetsFile { get; init; }

    public int? Parallel { get; init; }

    public int? Canary { get; init; }

    /// <summary><c>--shard K/N</c>: only this machine's share of the targets.</summary>
    public Shard? Shard { get; init; }

    /// <summary><c>--report FILE.json</c>.</summary>
    public string? ReportFile { get; init; }

    /// <summary><c>--retry-failed FILE.json</c>: only the targets that failed in that report.</summary>
    public string? RetryFailed { get; init; }

    /// <summary>Each target's own log lines too, prefixed with the target.</summary>
    public bool Verbose { get; init; }
}
