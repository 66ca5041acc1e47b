using System.Data.Common;
using System.Diagnostics;

namespace Retort.Dialects.Postgres;

/// <summary>A session-level advisory lock keyed by a stable hash of the lock name.</summary>
public sealed class PostgresMigrationLock : IMigrationLock
{
    public async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, Action<string> waiting, CancellationToken ct)
    {
        var key = StableKey(name);
        var watch = Stopwatch.StartNew();
        var logged = false;
        while (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({key})", ct))
        {
            if (!logged) { waiting($"Waiting for the migration lock '{name}' held by another process…"); logged = true; }
            if (watch.Elapsed >= timeout) throw MigrationLocks.Timeout(name, timeout);
            await Task.Delay(100, ct);
        }
        return MigrationLocks.Release(connection, () => ScalarAsync<bool>(connection, $"SELECT pg_advisory_unlock({key})", CancellationToken.None));
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    internal static long StableKey(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in "retort:" + name) h = (h ^ c) * 1099511628211UL;
        return (long)h;
    }
}
