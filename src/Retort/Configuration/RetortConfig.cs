using System.Reflection;

namespace Retort.Configuration;

/// <summary>
/// Everything a command needs to know: where the revisions are, which database, how the version table is named.
/// Built from retort.toml by <see cref="ConfigLoader"/>, or directly in code by an application.
/// </summary>
public sealed class RetortConfig
{
    /// <summary>The folder relative paths are resolved against (the config file's folder).</summary>
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>The config file, when there is one.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The migration environment folder (env file, template, versions/).</summary>
    public string ScriptLocation { get; set; } = "migrations";

    /// <summary>Folders holding revision files; default <c>&lt;script_location&gt;/versions</c>.</summary>
    public IReadOnlyList<string> VersionLocations { get; set; } = [];

    public string? Url { get; set; }

    /// <summary>Set when <see cref="Url"/> is an ADO.NET connection string rather than a URL.</summary>
    public string? Dialect { get; set; }

    public string VersionTable { get; set; } = "retort_version";

    /// <summary>How long a writing command waits for another process's migration lock.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public string? VersionTableSchema { get; set; }

    /// <summary>
    /// The database server's version that <c>retort lint</c> judges against (retort.toml <c>server_version</c>, e.g.
    /// "16" or "10.11"); null: the oldest each rule knows.
    /// </summary>
    public string? ServerVersion { get; set; }

    /// <summary>
    /// How long each DDL statement of a revision waits for its table lock (retort.toml <c>ddl_lock_timeout</c>):
    /// PostgreSQL <c>lock_timeout</c>, MariaDB/MySQL <c>lock_wait_timeout</c>; null: the server's own setting.
    /// </summary>
    public TimeSpan? DdlLockTimeout { get; set; }

    /// <summary>How many times a DDL statement that timed out waiting for its lock is tried again, with backoff.</summary>
    public int DdlLockRetries { get; set; }

    /// <summary>Autogenerate writes the lock-friendly forms (concurrent indexes, NOT VALID + validate) for existing tables.</summary>
    public bool SafeDdl { get; set; }

    /// <summary>
    /// The schemas autogenerate, check, baseline and scaffold read (retort.toml <c>schemas</c>, Alembic's
    /// include_schemas): the default schema (the version table's, else the database's own) is always read and its
    /// tables carry no schema name; tables in the others carry theirs. Empty: the default schema only.
    /// </summary>
    public IReadOnlyList<string> Schemas { get; set; } = [];

    /// <summary>
    /// How unnamed constraints and indexes are named (retort.toml [naming_convention], env.cs
    /// <c>context.NamingConvention</c>, or the target MetaData's own): by operations, autogenerate and the comparison.
    /// </summary>
    public NamingConvention NamingConvention { get; set; } = NamingConvention.Default;

    /// <summary>Plain <c>retort revision</c> runs env.cs too (its template arguments and ProcessRevisionDirectives apply),
    /// as Alembic's revision_environment; autogenerate always does.</summary>
    public bool RevisionEnvironment { get; set; }

    /// <summary>File names for new revisions: {rev}, {slug}, {year}, {month}, {day}, {hour}, {minute}, {second}, {epoch}.</summary>
    public string FileTemplate { get; set; } = "{rev}_{slug}";

    public int TruncateSlugLength { get; set; } = 40;

    /// <summary>One transaction per revision instead of one per run (transactional-DDL databases).</summary>
    public bool TransactionPerMigration { get; set; }

    /// <summary>
    /// SQL run on each database connection Retort opens, right after it opens (retort.toml <c>on_connect</c>), e.g.
    /// SQLite's <c>PRAGMA synchronous = NORMAL</c> for this connection only. Nothing is set unless the user says so.
    /// </summary>
    public IReadOnlyList<string> OnConnect { get; set; } = [];

    /// <summary>The application's .dll and .csproj files (absolute) that env.cs and the revisions compile against.</summary>
    public IReadOnlyList<string> References { get; set; } = [];

    /// <summary>Programs run on each new revision file (<c>[[post_write_hooks]]</c>), in order.</summary>
    public IReadOnlyList<PostWriteHook> PostWriteHooks { get; set; } = [];

    /// <summary>Revision files are also read from the subfolders of each version location (<c>recursive_version_locations</c>).</summary>
    public bool RecursiveVersionLocations { get; set; }

    /// <summary>IANA/Windows time zone id for the Create Date of new revisions; null means local time.</summary>
    public string? Timezone { get; set; }

    /// <summary>The <c>--tag</c> of upgrade, downgrade and stamp, readable from the env file as <c>context.Tag</c>.</summary>
    public string? Tag { get; set; }

    /// <summary>
    /// Called with each SQL statement Retort runs on a database, before it runs: parameters appear as <c>?</c>, never
    /// their values (the CLI's <c>-v</c> prints them). Null: nothing is echoed.
    /// </summary>
    public Action<string>? StatementLog { get; set; }

    /// <summary>Values given with <c>-x key=value</c>, readable from the env file.</summary>
    public IDictionary<string, string> XArgs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A caller's open connection (a test fixture's): every command runs on it and never opens, closes or disposes
    /// it; <c>on_connect</c> is not run on it. <see cref="Url"/> may stay null: the provider is the connection's
    /// driver (or <see cref="Dialect"/>).
    /// </summary>
    public System.Data.Common.DbConnection? Connection { get; set; }

    /// <summary>
    /// The caller's transaction on <see cref="Connection"/>: commands run inside it and neither commit nor roll it
    /// back (the caller does, e.g. a fixture rolls everything back). Null: Retort uses its own transactions.
    /// </summary>
    public System.Data.Common.DbTransaction? Transaction { get; set; }

    /// <summary>Revisions compiled into an application: when set, no revision file is read or compiled.</summary>
    public Assembly? RevisionAssembly { get; set; }

    /// <summary>
    /// The target model for autogenerate and check when Retort runs inside an application (e.g. an EF Core model
    /// read by Retort.EntityFrameworkCore); the env file starts from it and may replace it.
    /// </summary>
    public object? TargetModel { get; set; }

    /// <summary>Keys from retort.toml that Retort does not use itself, for the env file.</summary>
    public IDictionary<string, object?> Extra { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Further databases of a multi-database setup ([databases] in retort.toml): name → URL.</summary>
    public IList<KeyValuePair<string, string>> ExtraDatabases { get; private set; } = [];

    /// <summary>
    /// Whether connections go back to the driver's pool when closed (the default). Off for fleet runs, which visit
    /// each database once and must not keep an idle connection open per database (see DatabaseProvider.WithoutPooling).
    /// </summary>
    public bool Pooling { get; set; } = true;

    /// <summary>The database this configuration is about: "default", or a name from [databases].</summary>
    public string DatabaseName { get; private set; } = "default";

    /// <summary>One configuration per database: the default (url) first, then [databases] in file order.</summary>
    public IReadOnlyList<RetortConfig> PerDatabase()
    {
        if (ExtraDatabases.Count == 0) return [this];
        var all = new List<RetortConfig> { this };
        foreach (var (name, url) in ExtraDatabases)
        {
            var copy = (RetortConfig)MemberwiseClone();
            copy.Url = url;
            copy.Dialect = null;
            copy.DatabaseName = name;
            copy.Connection = null;
            copy.Transaction = null;
            all.Add(copy);
        }
        return all;
    }

    /// <summary>
    /// This configuration for one other database (a fleet target): the same revisions and settings, <paramref name="url"/>
    /// as its only database, without a pool.
    /// </summary>
    public RetortConfig ForTarget(string url)
    {
        var copy = (RetortConfig)MemberwiseClone();
        copy.Url = url;
        copy.Connection = null;
        copy.Transaction = null;
        copy.ExtraDatabases = [];
        copy.DatabaseName = "default";
        copy.Pooling = false;
        return copy;
    }

    public string ScriptDirectory => Path.GetFullPath(Path.Combine(BaseDirectory, ScriptLocation));

    public IReadOnlyList<string> ResolvedVersionLocations =>
        VersionLocations.Count == 0
            ? [Path.Combine(ScriptDirectory, "versions")]
            : VersionLocations.Select(v => Path.GetFullPath(Path.Combine(BaseDirectory, v))).ToList();

    public DatabaseUrl ResolveDatabase()
    {
        if (Connection is { } connection && Url is null)
        {
            var provider = (Dialect is null ? Dialects.DatabaseProviders.ForConnection(connection) : Dialects.DatabaseProviders.Get(Dialect))
                           ?? throw new RetortException($"No registered provider uses {connection.GetType().Name} connections: set Dialect beside Connection.");
            return new DatabaseUrl(provider, "", $"the caller's {provider.Name} connection ({connection.Database})");
        }
        var url = DatabaseUrl.Parse(Url ?? throw new RetortException("No database URL is configured: set url in retort.toml (e.g. url = \"sqlite:///app.db\")."), Dialect, BaseDirectory);
        return Pooling ? url : url with { ConnectionString = url.Provider.WithoutPooling(url.ConnectionString) };
    }
}
