using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace Retort.Tests.Fidelity;

/// <summary>
/// A fresh, empty database for the fidelity work (a real server database or a real SQLite file), dropped on dispose.
/// It talks to the servers with the ADO.NET drivers and the databases' own command-line clients only, never through
/// Retort, so that it stays an independent reference while Retort's providers change.
/// </summary>
public sealed class FidelityDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private FidelityDatabase(string dialect, string url, string connectionString, Uri? server, string databaseName, Func<Task> drop)
    {
        Dialect = dialect;
        Url = url;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
        if (server is not null)
        {
            Host = server.Host;
            Port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var user = server.UserInfo.Split(':', 2);
            User = Uri.UnescapeDataString(user[0]);
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "";
        }
        _drop = drop;
    }

    /// <summary>postgresql, mysql (MariaDB here) or sqlite: Retort's dialect names.</summary>
    public string Dialect { get; }

    /// <summary>The database as a retort.toml URL.</summary>
    public string Url { get; }

    /// <summary>For libpq tools (psql, pg_dump): the same URL with the postgresql scheme.</summary>
    public string ClientUrl => Url;

    public string ConnectionString { get; }

    /// <summary>The server's database name, or the SQLite file's path.</summary>
    public string DatabaseName { get; }

    public string Host { get; } = "";

    public string Port { get; } = "";

    public string User { get; } = "";

    public string Password { get; } = "";

    public static async Task<FidelityDatabase> CreateAsync(string dialect)
    {
        if (dialect == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("retort-fidelity-").FullName;
            var file = Path.Combine(dir, "schema.db");
            return new FidelityDatabase("sqlite", $"sqlite:///{file}", $"Data Source={file};Pooling=False", null, file, () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
                return Task.CompletedTask;
            });
        }
        var variable = dialect == "postgresql" ? "RETORT_TEST_PG" : dialect == "mysql" ? "RETORT_TEST_MYSQL" : throw new ArgumentException(dialect);
        var adminUrl = ServerUrl(variable);
        var server = new Uri(adminUrl);
        var name = "retort_f_" + Guid.NewGuid().ToString("N")[..10];
        var admin = ConnectionStringFor(dialect, server, server.AbsolutePath.Trim('/'));
        await ExecAsync(dialect, admin, $"CREATE DATABASE {name}");
        var url = adminUrl[..(adminUrl.LastIndexOf('/') + 1)] + name;
        var drop = dialect == "postgresql" ? $"DROP DATABASE IF EXISTS {name} WITH (FORCE)" : $"DROP DATABASE IF EXISTS {name}";
        return new FidelityDatabase(dialect, url, ConnectionStringFor(dialect, server, name), server, name, () => ExecAsync(dialect, admin, drop));
    }

    public DbConnection CreateConnection() => Dialect switch
    {
        "postgresql" => new NpgsqlConnection(ConnectionString),
        "mysql" => new MySqlConnection(ConnectionString),
        _ => new SqliteConnection(ConnectionString),
    };

    public async Task<CatalogSnapshot> SnapshotAsync(IReadOnlyCollection<string>? ignoredTables = null)
    {
        await using var c = CreateConnection();
        return await CatalogSnapshot.ReadAsync(Dialect, c, ignoredTables);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var c = CreateConnection();
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs an SQL file through the database's own client (psql, mariadb, sqlite3), stopping at the first error.</summary>
    public async Task LoadAsync(string sqlFile)
    {
        var start = Dialect switch
        {
            "postgresql" => Client("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", ClientUrl, "-f", sqlFile),
            "mysql" => Client("mariadb", "--no-defaults", "-h", Host, "-P", Port, "-u", User, DatabaseName),
            _ => Client("sqlite3", "-bail", DatabaseName),
        };
        if (Dialect == "mysql") start.Environment["MYSQL_PWD"] = Password;
        using var p = Process.Start(start)!;
        if (Dialect != "postgresql") await p.StandardInput.WriteAsync(await File.ReadAllTextAsync(sqlFile));
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await stdout;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0 || stderr.Contains("ERROR", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{start.FileName} could not load {Path.GetFileName(sqlFile)}: {stderr}");
    }

    private static ProcessStartInfo Client(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static string ConnectionStringFor(string dialect, Uri server, string database)
    {
        var user = server.UserInfo.Split(':', 2);
        var name = Uri.UnescapeDataString(user[0]);
        var password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "";
        return dialect == "postgresql"
            ? new NpgsqlConnectionStringBuilder { Host = server.Host, Port = server.Port, Username = name, Password = password, Database = database, Pooling = false }.ConnectionString
            : new MySqlConnectionStringBuilder { Server = server.Host, Port = (uint)server.Port, UserID = name, Password = password, Database = database, Pooling = false, AllowUserVariables = true }.ConnectionString;
    }

    private static async Task ExecAsync(string dialect, string connectionString, string sql)
    {
        await using DbConnection c = dialect == "postgresql" ? new NpgsqlConnection(connectionString) : new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The server from RETORT_TEST_PG / RETORT_TEST_MYSQL, or from .scratch/db/env.sh as scripts/db-servers.sh writes it.</summary>
    public static string ServerUrl(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value)) return value;
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir);
        var env = dir is null ? null : Path.Combine(dir, ".scratch", "db", "env.sh");
        if (env is not null && File.Exists(env))
            foreach (var line in File.ReadAllLines(env))
                if (line.StartsWith($"export {variable}=", StringComparison.Ordinal)) return line[$"export {variable}=".Length..];
        throw new InvalidOperationException($"{variable} is not set: run scripts/db-servers.sh start before the fidelity tests.");
    }

    public async ValueTask DisposeAsync() => await _drop();
}
