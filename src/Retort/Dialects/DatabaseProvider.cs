using System.Data.Common;

namespace Retort.Dialects;

/// <summary>
/// Everything Retort knows about one database, in one place: its SQL (<see cref="Dialect"/>), type mapping both
/// ways, schema reflection, migration lock, URL to connection string, capabilities and offline script spelling.
/// Built-in providers live in one folder each under Dialects/; any other is added with
/// <see cref="DatabaseProviders.Register"/>.
/// </summary>
public abstract class DatabaseProvider
{
    private SqlDialect? _dialect;
    private TypeMapping? _types;

    /// <summary>The name used in URLs and configuration, e.g. "sqlite", "postgresql". Lower case.</summary>
    public abstract string Name { get; }

    /// <summary>Other names and URL schemes for the same database, e.g. "postgres", "pg".</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    public abstract ProviderCapabilities Capabilities { get; }

    /// <summary>How offline scripts are spelled for the database's own client.</summary>
    public virtual OfflineScript Offline => OfflineScript.Default;

    /// <summary>The SQL generator: one <c>Generate</c> per operation, quoting, literals, the version table.</summary>
    public SqlDialect Dialect => _dialect ??= CreateDialect();

    /// <summary>Reflected type text to portable types, and the canonical form used to compare types.</summary>
    public TypeMapping Types => _types ??= CreateTypeMapping();

    /// <summary>Creating a missing database on a server (<c>--create-database</c>); null when the provider cannot.</summary>
    public virtual ServerDatabase? ServerDatabase => null;

    /// <summary>Connecting creates the database (a file), so there is never one to create.</summary>
    public virtual bool CreatesDatabaseOnConnect => false;

    /// <summary>The cross-process lock for writing commands; null when the database needs none.</summary>
    public virtual IMigrationLock? MigrationLock => null;

    protected abstract SqlDialect CreateDialect();

    protected virtual TypeMapping CreateTypeMapping() => new();

    /// <summary>A reader of the live schema for autogenerate and check; null when the provider has none.</summary>
    public virtual SchemaReflector? CreateReflector() => null;

    /// <summary>A new (closed) connection of the provider's ADO.NET driver.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// Whether a statement failed because it could not get a lock within the session's lock timeout (and so did
    /// nothing): what <c>ddl_lock_timeout</c> retries. False where the provider does not tell.
    /// </summary>
    public virtual bool IsLockTimeout(Exception error) => false;

    /// <summary>The driver's connection string for a parsed URL (<c>scheme://…</c>).</summary>
    public abstract string BuildConnectionString(ConnectionUrl url);

    /// <summary>
    /// <paramref name="connectionString"/> with the driver's connection pool turned off, so that closing a connection
    /// closes it on the server (a fleet run visits hundreds of databases: one idle pooled connection left behind per
    /// database would exceed the server's connection limit). Unchanged for a driver without a pool.
    /// </summary>
    public virtual string WithoutPooling(string connectionString) => connectionString;

    public override string ToString() => Name;
}
