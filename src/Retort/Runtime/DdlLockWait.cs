using System.Globalization;
using System.Text.RegularExpressions;
using Retort.Dialects;

namespace Retort.Runtime;

/// <summary>
/// ddl_lock_timeout / ddl_lock_retries: each DDL statement of a revision runs with the lock timeout set (PostgreSQL
/// SET LOCAL lock_timeout, MariaDB/MySQL lock_wait_timeout), so that an ALTER waiting behind a long reader gives up
/// instead of queuing every later query behind itself; a timed-out statement did nothing and is tried again after
/// a growing pause. Inside a PostgreSQL transaction it runs under a savepoint, so a timeout does not abort the
/// revision's transaction.
/// </summary>
internal sealed partial class DdlLockWait(TimeSpan timeout, int retries, IMigrationLog log)
{
    private const string Savepoint = "retort_ddl_lock";

    public async Task RunAsync(ISqlTarget target, SqlStatement statement, CancellationToken ct)
    {
        var savepoint = retries > 0 && target.InTransaction && target.Provider.Capabilities.TransactionalDdl;
        for (var attempt = 0; ; attempt++)
        {
            foreach (var set in target.Dialect.LockTimeout(timeout, target.InTransaction)) await target.ExecuteAsync(set, ct);
            if (savepoint) await target.ExecuteAsync($"SAVEPOINT {Savepoint}", ct);
            try
            {
                await target.ExecuteAsync(statement, ct);
                if (savepoint) await target.ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", ct);
                return;
            }
            catch (Exception e) when (attempt < retries && target.Provider.IsLockTimeout(e))
            {
                if (savepoint) await target.ExecuteAsync($"ROLLBACK TO SAVEPOINT {Savepoint}", ct);
                var pause = Pause(attempt);
                log.Warning($"Could not get the lock{OnTable(statement.Sql)} within {Format(timeout)}; trying again in {Format(pause)} ({attempt + 2} of {retries + 1}).");
                await Task.Delay(pause, ct);
            }
        }
    }

    /// <summary>250 ms, 500 ms, 1 s … up to 5 s between tries.</summary>
    private static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(5000, 250 * Math.Pow(2, attempt)));

    /// <summary>What the FAILED line adds when the last try timed out: the lock, the setting and the tries.</summary>
    public string Describe(SqlDialect dialect, string sql) =>
        $"It could not get its lock{OnTable(sql)} within {Format(timeout)} ({dialect.LockTimeoutSetting ?? "lock timeout"}) in {retries + 1} "
        + $"tr{(retries == 0 ? "y" : "ies")}: another session holds a conflicting lock (a long query or an open transaction on the table). Nothing of this statement was applied.";

    private static string OnTable(string sql) => TableName().Match(sql) is { Success: true } m ? " on table " + m.Groups[1].Value : "";

    private static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms" : t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The table a DDL statement names: ALTER/DROP/LOCK TABLE x, CREATE INDEX … ON x.</summary>
    [GeneratedRegex(@"\b(?:TABLE|ON)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?((?:""[^""]+""|`[^`]+`|\w+)(?:\.(?:""[^""]+""|`[^`]+`|\w+))?)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();
}
