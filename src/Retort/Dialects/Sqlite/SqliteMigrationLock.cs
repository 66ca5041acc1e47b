using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Retort.Runtime;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// An exclusive lock on a file beside the database (<c>app.db.retort-lock</c>). SQLite's own write lock only lasts
/// one transaction, and a run may span several (transaction_per_migration); an in-memory database needs none.
/// </summary>
internal sealed class SqliteMigrationLock : IMigrationLock
{
    public async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, IMigrationLog log, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        if (dataSource.Length == 0 || dataSource == ":memory:" || dataSource.StartsWith("file::memory:", StringComparison.Ordinal))
            return new MigrationLocks.Release(() => Task.CompletedTask);
        var path = Path.GetFullPath(dataSource) + ".retort-lock";
        var watch = Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return new MigrationLocks.Release(() => { stream.Dispose(); return Task.CompletedTask; });
            }
            catch (IOException)
            {
                if (!logged) { log.Info($"Waiting for the migration lock on {path} held by another process…"); logged = true; }
                if (watch.Elapsed >= timeout) throw MigrationLocks.Timeout(name, timeout);
                await Task.Delay(50, ct);
            }
        }
    }
}
