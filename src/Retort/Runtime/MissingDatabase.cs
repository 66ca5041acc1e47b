using System.Data.Common;
using Retort.Configuration;
using Retort.Dialects;

namespace Retort.Runtime;

/// <summary>
/// A server URL naming a database that does not exist yet: the hint the connection error carries, and
/// <c>--create-database</c>, which creates it through the server's maintenance database (the provider's
/// <see cref="ServerDatabase"/> says how).
/// </summary>
internal static class MissingDatabase
{
    /// <summary>The database the URL names, when <paramref name="error"/> says that it does not exist; else null.</summary>
    public static string? NameIfMissing(DatabaseUrl url, Exception error) =>
        url.Provider.ServerDatabase is { } server && server.IsMissingDatabase(error) ? server.DatabaseName(url.ConnectionString) : null;

    /// <summary>Appended to "Cannot connect to …" when the database is missing: the SQL to run, and the option.</summary>
    public static string Hint(DatabaseUrl url, Exception error) =>
        NameIfMissing(url, error) is { } name
            ? (error.Message.TrimEnd().EndsWith('.') ? "" : ".")
              + $" Create it with {url.Provider.ServerDatabase!.CreateDatabaseSql(url.Dialect, name)} or run retort upgrade --create-database (stamp takes it too)."
            : "";

    /// <summary>Creates the database the URL names when it does not exist; nothing for databases that create themselves.</summary>
    public static async Task CreateIfMissingAsync(DatabaseUrl url, IMigrationLog log, CancellationToken ct)
    {
        if (url.Provider.CreatesDatabaseOnConnect) return;
        var server = url.Provider.ServerDatabase ?? throw new RetortException(
            $"--create-database works on {string.Join(" and ", DatabaseProviders.All.Where(p => p.ServerDatabase is not null).Select(p => p.Name))}; create the {url.Provider.Name} database yourself.");
        await using (var probe = url.Provider.CreateConnection(url.ConnectionString))
        {
            try
            {
                await probe.OpenAsync(ct);
                return;
            }
            catch (DbException e) when (server.IsMissingDatabase(e))
            {
                // Missing: create it below. Every other error is reported by the session's own connection attempt.
            }
            catch (DbException)
            {
                return;
            }
        }
        var name = server.DatabaseName(url.ConnectionString);
        await using var connection = url.Provider.CreateConnection(server.MaintenanceConnectionString(url.ConnectionString));
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = server.CreateDatabaseSql(url.Dialect, name);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e) when (server.IsDuplicateDatabase(e))
        {
            // Another process created it between the probe and here: that is what was wanted.
        }
        catch (DbException e)
        {
            throw new RetortException($"Cannot create database {name} on {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}");
        }
        log.Info($"Created database {name}");
    }
}
