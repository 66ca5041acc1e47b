using System.Data.Common;

namespace Retort.Dialects.SqlServer;

/// <summary>sp_getapplock with session ownership: held by the connection until released or closed.</summary>
public sealed class SqlServerMigrationLock : IMigrationLock
{
    public async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, Action<string> waiting, CancellationToken ct)
    {
        var resource = "retort:" + name;
        if (await GetAsync(connection, resource, 0, ct) < 0)
        {
            waiting($"Waiting for the migration lock '{name}' held by another process…");
            if (await GetAsync(connection, resource, (int)timeout.TotalMilliseconds, ct) < 0) throw MigrationLocks.Timeout(name, timeout);
        }
        return MigrationLocks.Release(connection, async () =>
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "EXEC sp_releaseapplock @Resource = @r, @LockOwner = 'Session'";
            Add(cmd, "@r", resource);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>sp_getapplock's result: 0 or 1 granted, negative not granted.</summary>
    private static async Task<int> GetAsync(DbConnection connection, string resource, int timeoutMs, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "DECLARE @res INT; EXEC @res = sp_getapplock @Resource = @r, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @t; SELECT @res";
        cmd.CommandTimeout = timeoutMs / 1000 + 30;
        Add(cmd, "@r", resource);
        Add(cmd, "@t", timeoutMs);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
