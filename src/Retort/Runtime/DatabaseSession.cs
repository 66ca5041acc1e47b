using Retort.Configuration;
using Retort.Dialects;

namespace Retort.Runtime;

/// <summary>An open connection to the configured database, with the version table's state.</summary>
internal sealed class DatabaseSession : IAsyncDisposable
{
    private DatabaseSession(RetortConfig config, DatabaseUrl url, OnlineTarget target)
    {
        Config = config;
        Url = url;
        Target = target;
    }

    public RetortConfig Config { get; }

    public DatabaseUrl Url { get; }

    public OnlineTarget Target { get; }

    public DatabaseProvider Provider => Url.Provider;

    public SqlDialect Dialect => Url.Dialect;

    public static async Task<DatabaseSession> OpenAsync(RetortConfig config, CancellationToken ct)
    {
        var url = config.ResolveDatabase();
        if (config.Connection is { } given)
        {
            if (given.State != System.Data.ConnectionState.Open)
                throw new RetortException("RetortConfig.Connection is not open: open it first (Retort neither opens nor closes a caller's connection).");
            if (config.Transaction is { } tx && tx.Connection != given)
                throw new RetortException("RetortConfig.Transaction belongs to another connection than RetortConfig.Connection.");
            return new DatabaseSession(config, url, new OnlineTarget(url.Provider, given, config.Transaction) { Echo = config.StatementLog }) { _callerOwned = true };
        }
        var connection = url.Provider.CreateConnection(url.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ArgumentException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new RetortException($"Cannot connect to {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}" + MissingDatabase.Hint(url, e));
        }
        var session = new DatabaseSession(config, url, new OnlineTarget(url.Provider, connection) { Echo = config.StatementLog });
        foreach (var statement in config.OnConnect)
        {
            try
            {
                await session.Target.ExecuteAsync(new SqlStatement(statement), ct);
            }
            catch (System.Data.Common.DbException e)
            {
                await session.DisposeAsync();
                throw new RetortException($"on_connect statement '{statement}' failed on {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}");
            }
        }
        return session;
    }

    /// <summary>
    /// Asked outside any transaction: a failed probe would abort a PostgreSQL transaction. Only "no such table"
    /// means missing; permission denied is reported as such (see <see cref="TableProbe"/>).
    /// </summary>
    public Task<bool> VersionTableExistsAsync(CancellationToken ct) =>
        TableProbe.ExistsAsync(Target, Dialect.VersionTableExists(Config.VersionTable, Config.VersionTableSchema),
            "version", Config.VersionTable, JournalSession.GrantOn(Config), ct);

    public async Task<TableState> ReadTableStateAsync(CancellationToken ct)
    {
        var version = await VersionTableExistsAsync(ct);
        var history = await TableProbe.ExistsAsync(Target, new AppliedHistory(Config, Dialect).Exists(),
            "history", Config.VersionTable + "_history", JournalSession.GrantOn(Config), ct);
        var journal = history && await TableProbe.ExistsAsync(Target, new RevisionJournal(Config, Dialect).ColumnsExist(),
            "history", Config.VersionTable + "_history", JournalSession.GrantOn(Config), ct, missingColumnIsMissing: true);
        return new TableState(version, history, journal);
    }

    /// <summary>
    /// What the migration lock is named after: database, schema and version table, so that upgrades of two
    /// databases (or two version tables) on one server never wait for each other, while two of the same one do.
    /// </summary>
    public string LockName =>
        $"{Target.Connection.Database}.{Config.VersionTableSchema ?? ""}.{Config.VersionTable}";

    /// <summary>Takes the provider's cross-process migration lock (none for providers without one).</summary>
    public async Task<IAsyncDisposable> LockAsync(IMigrationLog log, CancellationToken ct) =>
        Provider.MigrationLock is { } migrationLock
            ? await migrationLock.AcquireAsync(Target.Connection, LockName, Config.LockTimeout, log.Info, ct)
            : MigrationLocks.None();

    /// <summary>The version table's rows (the current heads); none when the table does not exist.</summary>
    public async Task<List<string>> ReadHeadsAsync(CancellationToken ct) =>
        await VersionTableExistsAsync(ct)
            ? await Target.QueryStringsAsync(Dialect.SelectVersions(Config.VersionTable, Config.VersionTableSchema), ct)
            : [];

    private bool _callerOwned;

    public async ValueTask DisposeAsync()
    {
        await Target.RollbackAsync(CancellationToken.None);
        if (!_callerOwned) await Target.Connection.DisposeAsync();
    }
}
