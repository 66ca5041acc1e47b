using System.Data.Common;
using Retort.Dialects.MySql;
using Retort.Dialects.Postgres;
using Retort.Dialects.Sqlite;
using Retort.Dialects.SqlServer;

namespace Retort.Runtime;

/// <summary>
/// A cross-process lock held around every command that writes (upgrade, downgrade, stamp), so that many app
/// instances starting at once apply each revision exactly once. Offline scripts take none.
/// </summary>
public interface IMigrationLock
{
    /// <summary>Waits up to <paramref name="timeout"/>; logs once when it has to wait; throws when it times out.</summary>
    Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, IMigrationLog log, CancellationToken ct);
}

public static class MigrationLocks
{
    public static IMigrationLock? For(string dialectName) => dialectName switch
    {
        "postgresql" => new PostgresMigrationLock(),
        "mysql" => new MySqlMigrationLock(),
        "sqlite" => new SqliteMigrationLock(),
        "mssql" => new SqlServerMigrationLock(),
        _ => null,
    };

    internal static RetortException Timeout(string name, TimeSpan timeout) =>
        new($"Timed out after {timeout.TotalSeconds:0.#} s waiting for the migration lock '{name}' held by another process (lock_timeout in retort.toml).");

    internal sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        private Func<Task>? _release = release;

        public async ValueTask DisposeAsync()
        {
            var r = Interlocked.Exchange(ref _release, null);
            if (r is not null) await r();
        }
    }
}
