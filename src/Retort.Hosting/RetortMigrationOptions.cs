namespace Retort.Hosting;

/// <summary>Bound from configuration (e.g. the "Retort" section of appsettings.json).</summary>
public sealed class RetortMigrationOptions
{
    /// <summary>A Retort URL (sqlite:///app.db, postgresql://…) or, with <see cref="Dialect"/>, a connection string.</summary>
    public string? Url { get; set; }

    public string? Dialect { get; set; }

    /// <summary>What to upgrade to at start-up (default head).</summary>
    public string Target { get; set; } = "head";

    public string VersionTable { get; set; } = "retort_version";

    public bool TransactionPerMigration { get; set; }

    public int LockTimeoutSeconds { get; set; } = 300;

    /// <summary>Use a retort.toml and its revision files (compiled at start-up) instead of compiled-in revisions.</summary>
    public string? ConfigFile { get; set; }
}
