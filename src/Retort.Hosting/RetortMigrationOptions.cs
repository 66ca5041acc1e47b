namespace Retort.Hosting;

/// <summary>
/// Bound from configuration (e.g. the "Retort" section of appsettings.json). A setting left unset (null) keeps the
/// value from <see cref="ConfigFile"/>'s retort.toml, or Retort's default without one.
/// </summary>
public sealed class RetortMigrationOptions
{
    /// <summary>A Retort URL (sqlite:///app.db, postgresql://…) or, with <see cref="Dialect"/>, a connection string.</summary>
    public string? Url { get; set; }

    public string? Dialect { get; set; }

    /// <summary>What to upgrade to at start-up (default head).</summary>
    public string Target { get; set; } = "head";

    /// <summary>Default: retort.toml's version_table, else retort_version.</summary>
    public string? VersionTable { get; set; }

    /// <summary>Default: retort.toml's transaction_per_migration, else false.</summary>
    public bool? TransactionPerMigration { get; set; }

    /// <summary>Default: retort.toml's lock_timeout, else 300.</summary>
    public int? LockTimeoutSeconds { get; set; }

    /// <summary>Use a retort.toml and its revision files (compiled at start-up) instead of compiled-in revisions.</summary>
    public string? ConfigFile { get; set; }
}
