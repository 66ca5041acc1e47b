using System.Data.Common;
using MySqlConnector;
using Npgsql;
using Retort.Configuration;
using Retort.Runtime;

namespace Retort.Commands;

/// <summary>
/// A server URL naming a database that does not exist yet: the hint the connection error carries, and
/// <c>--create-database</c>, which creates it through the server's maintenance database.
/// </summary>
internal static class MissingDatabase
{
    /// <summary>The database the URL names, when <paramref name="error"/> says that it does not exist; else null.</summary>
    public static string? NameIfMissing(DatabaseUrl url, Exception error) => error switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new NpgsqlConnectionStringBuilder(url.ConnectionString).Database,
        MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase } => new MySqlConnectionStringBuilder(url.ConnectionString).Database,
        _ => null,
    };

    /// <summary>Appended to "Cannot connect to …" when the database is missing: the SQL to run, and the option.</summary>
    public static string Hint(DatabaseUrl url, Exception error) =>
        NameIfMissing(url, error) is { } name
            ? (error.Message.TrimEnd().EndsWith('.') ? "" : ".") + $" Create it with {CreateSql(url, name)} or run retort upgrade --create-database (stamp takes it too)."
            : "";

    /// <summary>Creates the database the URL names when it does not exist; nothing for SQLite, which makes its file itself.</summary>
    public static async Task CreateIfMissingAsync(DatabaseUrl url, IMigrationLog log, CancellationToken ct)
    {
        if (url.Dialect.Name == "sqlite") return;
        if (url.Dialect.Name is not ("postgresql" or "mysql"))
            throw new RetortException($"--create-database works on PostgreSQL and MariaDB/MySQL; create the {url.Dialect.Name} database yourself.");
        await using (var probe = url.Dialect.CreateConnection(url.ConnectionString))
        {
            try
            {
                await probe.OpenAsync(ct);
                return;
            }
            catch (DbException e) when (NameIfMissing(url, e) is not null)
            {
                // Missing: create it below. Every other error is reported by the session's own connection attempt.
            }
            catch (DbException)
            {
                return;
            }
        }
        await CreateAsync(url, ct);
        log.Info($"Created database {DatabaseName(url)}");
    }

    private static string DatabaseName(DatabaseUrl url) => url.Dialect.Name == "postgresql"
        ? new NpgsqlConnectionStringBuilder(url.ConnectionString).Database ?? ""
        : new MySqlConnectionStringBuilder(url.ConnectionString).Database;

    private static string CreateSql(DatabaseUrl url, string name) => url.Dialect.Name == "postgresql"
        ? $"CREATE DATABASE {url.Dialect.QuoteIdentifier(name)};"
        : $"CREATE DATABASE IF NOT EXISTS {url.Dialect.QuoteIdentifier(name)};";

    private static async Task CreateAsync(DatabaseUrl url, CancellationToken ct)
    {
        var name = DatabaseName(url);
        // The maintenance database: "postgres" on PostgreSQL (template1 would be locked by CREATE DATABASE itself);
        // none on MariaDB/MySQL, where a connection need not name a database.
        string server;
        if (url.Dialect.Name == "postgresql")
            server = new NpgsqlConnectionStringBuilder(url.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        else
            server = new MySqlConnectionStringBuilder(url.ConnectionString) { Database = "", Pooling = false }.ConnectionString;
        await using var connection = url.Dialect.CreateConnection(server);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = CreateSql(url, name);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between the probe and here: that is what was wanted.
        }
        catch (DbException e)
        {
            throw new RetortException($"Cannot create database {name} on {url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}");
        }
    }
}
