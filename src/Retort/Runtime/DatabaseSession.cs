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
        var connection = url.Provider.CreateConnection(url.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ArgumentException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new RetortException($"Cannot connect to {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}" + Commands.MissingDatabase.Hint(url, e));
        }
        return new DatabaseSession(config, url, new OnlineTarget(url.Provider, connection));
    }

    /// <summary>Asked outside any transaction: a failed probe would abort a PostgreSQL transaction.</summary>
    public Task<bool> VersionTableExistsAsync(CancellationToken ct) =>
        ProbeAsync(Dialect.VersionTableExists(Config.VersionTable, Config.VersionTableSchema), ct);

    public async Task<TableState> ReadTableStateAsync(CancellationToken ct)
    {
        var version = await VersionTableExistsAsync(ct);
        var history = await ProbeAsync(new AppliedHistory(Config, Dialect).Exists(), ct);
        return new TableState(version, history);
    }

    private async Task<bool> ProbeAsync(SqlStatement probe, CancellationToken ct)
    {
        try
        {
            await Target.QueryStringsAsync(probe, ct);
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    /// <summary>Takes the provider's cross-process migration lock (none for providers without one).</summary>
    public async Task<IAsyncDisposable> LockAsync(IMigrationLog log, CancellationToken ct) =>
        Provider.MigrationLock is { } migrationLock
            ? await migrationLock.AcquireAsync(Target.Connection, Config.VersionTable, Config.LockTimeout, log.Info, ct)
            : MigrationLocks.None();

    /// <summary>The version table's rows (the current heads); none when the table does not exist.</summary>
    public async Task<List<string>> ReadHeadsAsync(CancellationToken ct) =>
        await VersionTableExistsAsync(ct)
            ? await Target.QueryStringsAsync(Dialect.SelectVersions(Config.VersionTable, Config.VersionTableSchema), ct)
            : [];

    public async ValueTask DisposeAsync()
    {
        await Target.RollbackAsync(CancellationToken.None);
        await Target.Connection.DisposeAsync();
    }
}
