using System.Data.Common;

namespace Retort.Runtime;

/// <summary>
/// Asks whether one of Retort's tables exists by selecting nothing from it. Only a "no such table" answer means
/// missing: any other failure - above all, permission denied - is reported as what it is, never mistaken for a
/// missing table (which would have Retort try to create it and fail with "already exists").
/// </summary>
internal static class TableProbe
{
    private const string ProbeSavepoint = "retort_probe";

    /// <summary>
    /// True when the probe succeeds, false when the table (with <paramref name="missingColumnIsMissing"/>, or one of
    /// the probed columns) does not exist; throws for anything else. <paramref name="grantOn"/> names the tables a
    /// permission error asks the user to be granted.
    /// </summary>
    public static async Task<bool> ExistsAsync(OnlineTarget target, Dialects.SqlStatement probe, string kind, string table, string grantOn,
        CancellationToken ct, bool missingColumnIsMissing = false)
    {
        // Inside a caller's transaction (RetortConfig.Transaction) a failed probe would abort it on PostgreSQL: a
        // savepoint keeps the failure to itself.
        var savepoint = target.Transaction is { SupportsSavepoints: true } tx ? tx : null;
        if (savepoint is not null) await savepoint.SaveAsync(ProbeSavepoint, ct);
        try
        {
            await target.QueryStringsAsync(probe, ct);
            if (savepoint is not null) await savepoint.ReleaseAsync(ProbeSavepoint, ct);
            return true;
        }
        catch (DbException e) when (IsMissingTable(e) || (missingColumnIsMissing && IsMissingColumn(e)))
        {
            if (savepoint is not null) await savepoint.RollbackAsync(ProbeSavepoint, ct);
            return false;
        }
        catch (DbException e) when (IsPermissionDenied(e))
        {
            throw new RetortException(
                $"Permission denied on the {kind} table {table} for user {UserOf(target.Connection)}: {e.Message.Trim().TrimEnd('.')}. " +
                $"Grant the user SELECT, INSERT, UPDATE and DELETE on {grantOn}, or connect as their owner.", e);
        }
    }

    /// <summary>Undefined table: PostgreSQL 42P01, MySQL/MariaDB 42S02 (1146), SQLite and SQL Server (208) by message.</summary>
    public static bool IsMissingTable(DbException e) =>
        e.SqlState is "42P01" or "42S02"
        || e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Invalid object name", StringComparison.OrdinalIgnoreCase)
        || (e.SqlState is null && e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase));

    /// <summary>Undefined column: PostgreSQL 42703, MySQL/MariaDB 42S22 (1054), SQLite and SQL Server (207) by message.</summary>
    public static bool IsMissingColumn(DbException e) =>
        e.SqlState is "42703" or "42S22"
        || e.Message.Contains("no such column", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Invalid column name", StringComparison.OrdinalIgnoreCase);

    /// <summary>PostgreSQL 42501; MySQL/MariaDB 1142/1143 ("command denied"); SQL Server 229; SQLite's read-only/auth errors.</summary>
    public static bool IsPermissionDenied(DbException e) =>
        e.SqlState is "42501"
        || e.Message.Contains("command denied", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("permission was denied", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("permission denied", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("not authorized", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user the connection logs in as, from its connection string ("?" when it names none).</summary>
    public static string UserOf(DbConnection connection)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
            foreach (var key in new[] { "username", "user id", "userid", "user", "uid" })
                if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } user) return user;
        }
        catch (ArgumentException)
        {
        }
        return Environment.UserName;
    }
}
