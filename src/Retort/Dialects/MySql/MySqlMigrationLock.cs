using System.Data.Common;

namespace Retort.Dialects.MySql;

/// <summary>GET_LOCK/RELEASE_LOCK, a named lock held by the connection.</summary>
public sealed class MySqlMigrationLock : IMigrationLock
{
    public async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, Action<string> waiting, CancellationToken ct)
    {
        // Locks are server-wide, so the name carries the database (and version table). MariaDB allows 64
        // characters: a longer name keeps its start and gets a hash of the whole, so two never collide by truncation.
        var lockName = ("retort:" + name) is var n && n.Length > 64
            ? n[..40] + "#" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(n)))[..23]
            : n;
        if (await GetLockAsync(connection, lockName, 0, ct) != 1)
        {
            waiting($"Waiting for the migration lock '{name}' held by another process…");
            if (await GetLockAsync(connection, lockName, Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)), ct) != 1)
                throw MigrationLocks.Timeout(name, timeout);
        }
        return MigrationLocks.Release(connection, async () =>
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT RELEASE_LOCK(@name)";
            AddName(cmd, lockName);
            await cmd.ExecuteScalarAsync();
        });
    }

    private static async Task<long> GetLockAsync(DbConnection connection, string name, int seconds, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT GET_LOCK(@name, {seconds})";
        cmd.CommandTimeout = seconds + 30;
        AddName(cmd, name);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt64(value);
    }

    private static void AddName(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@name";
        p.Value = name;
        cmd.Parameters.Add(p);
    }
}
