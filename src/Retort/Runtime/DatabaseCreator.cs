using Retort.Configuration;
using Retort.Dialects;

namespace Retort.Runtime;

/// <summary>
/// A server URL naming a database that does not exist yet: the hint the connection error carries, and
/// <c>--create-database</c> (upgrade, stamp), which creates it through the provider's <see cref="DatabaseCreation"/>.
/// </summary>
internal static class DatabaseCreator
{
    /// <summary>Appended to "Cannot connect to …" when the database is missing: the SQL to run, and the option.</summary>
    public static string Hint(DatabaseUrl url, Exception error) =>
        url.Provider.DatabaseCreation is { } creation && creation.MissingDatabase(error, url.ConnectionString) is { } name
            ? (error.Message.TrimEnd().EndsWith('.') ? "" : ".") + $" Create it with {creation.CreateSql(name)} or run retort upgrade --create-database (stamp takes it too)."
            : "";

    /// <summary>Creates the database the URL names when the connection says it is missing. Any other connection
    /// error is left to the session's own attempt, which reports it.</summary>
    public static async Task CreateIfMissingAsync(DatabaseUrl url, IMigrationLog log, CancellationToken ct)
    {
        if (url.Provider.DatabaseCreation is not { } creation) return;
        var name = await MissingNameAsync(url, creation, ct);
        if (name is null) return;
        await using (var server = url.Provider.CreateConnection(creation.MaintenanceConnectionString(url.ConnectionString)))
        {
            try
            {
                await server.OpenAsync(ct);
                await using var command = server.CreateCommand();
                command.CommandText = creation.CreateSql(name);
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (System.Data.Common.DbException e)
            {
                // Another process may have created it meanwhile: that is what was wanted.
                if (await MissingNameAsync(url, creation, ct) is null) return;
                throw new RetortException($"Cannot create database {name} on {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}");
            }
        }
        log.Info($"Created database {name}");
    }

    private static async Task<string?> MissingNameAsync(DatabaseUrl url, DatabaseCreation creation, CancellationToken ct)
    {
        await using var probe = url.Provider.CreateConnection(url.ConnectionString);
        try
        {
            await probe.OpenAsync(ct);
            return null;
        }
        catch (System.Data.Common.DbException e)
        {
            return creation.MissingDatabase(e, url.ConnectionString);
        }
    }
}
