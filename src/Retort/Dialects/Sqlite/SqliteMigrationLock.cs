using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// An exclusive lock on a file beside the database (<c>app.db.retort-lock</c>). SQLite's own write lock only lasts
/// one transaction, and a run may span several (transaction_per_migration); an in-memory database needs none.
/// </summary>
public sealed class SqliteMigrationLock : IMigrationLock
{
    public async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, Action<string> waiting, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        if (dataSource.Length == 0 || dataSource == ":memory:" || dataSource.StartsWith("file::memory:", StringComparison.Ordinal))
            return MigrationLocks.None();
        var path = Path.GetFullPath(dataSource) + ".retort-lock";
        var watch = Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return MigrationLocks.Release(() => { stream.Dispose(); return Task.CompletedTask; });
            }
            catch (IOException)
            {
                if (!logged) { waiting($"Waiting for the migration lock on {path} held by another process…"); logged = true; }
                if (watch.Elapsed >= timeout) throw MigrationLocks.Timeout(name, timeout);
                await Task.Delay(50, ct);
            }
        }
    }
}
