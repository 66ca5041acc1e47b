namespace Retort.Lint;

/// <summary>What <c>retort lint</c> was asked: the revisions, and overrides of retort.toml.</summary>
public sealed record LintOptions
{
    /// <summary>null: every revision; <c>from:to</c> or a target, as <c>upgrade --sql</c> takes them.</summary>
    public string? Range { get; init; }

    /// <summary>Overrides retort.toml's <c>server_version</c>.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The provider to judge for when retort.toml's url is not the one (e.g. postgresql).</summary>
    public string? Dialect { get; init; }
}
