using System.Data.Common;
using Microsoft.Data.Sqlite;
using Retort.Configuration;
using Retort.Dialects;

namespace Retort.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database on a real server (or a real SQLite file), dropped on dispose. Servers come from
/// scripts/db-servers.sh (RETORT_TEST_PG / RETORT_TEST_MYSQL, or its .scratch/db/env.sh).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private TestDatabase(string dialect, string url, string connectionString, Func<Task> drop)
    {
        Dialect = DatabaseProviders.Get(dialect).Dialect;
        Url = url;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public SqlDialect Dialect { get; }

    /// <summary>The database as a retort.toml URL.</summary>
    public string Url { get; }

    public string ConnectionString { get; }

    public static readonly string[] All = ["sqlite", "postgresql", "mysql"];

    public static Task<TestDatabase> CreateAsync(string dialect) => dialect switch
    {
        "sqlite" => Task.FromResult(Sqlite()),
        "postgresql" => ServerAsync("postgresql", "RETORT_TEST_PG", "CREATE DATABASE {0}", "DROP DATABASE IF EXISTS {0} WITH (FORCE)"),
        "mysql" => ServerAsync("mysql", "RETORT_TEST_MYSQL", "CREATE DATABASE {0}", "DROP DATABASE IF EXISTS {0}"),
        // SQL Server cannot run here; these run when RETORT_TEST_MSSQL names a server (mssql://sa:pw@host:1433/master).
        "mssql" => ServerAsync("mssql", "RETORT_TEST_MSSQL", "CREATE DATABASE {0}",
            "IF DB_ID('{0}') IS NOT NULL BEGIN ALTER DATABASE {0} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE {0}; END"),
        _ => throw new ArgumentException(dialect),
    };

    private static TestDatabase Sqlite()
    {
        var dir = Directory.CreateTempSubdirectory("retort-db-").FullName;
        var file = Path.Combine(dir, "test.db");
        return new TestDatabase("sqlite", $"sqlite:///{file}", $"Data Source={file};Pooling=False", () =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> ServerAsync(string dialect, string variable, string create, string drop)
    {
        var adminUrl = ServerUrl(variable);
        var admin = DatabaseUrl.Parse(adminUrl, null, "/");
        var name = "retort_t_" + Guid.NewGuid().ToString("N")[..10];
        await ExecAsync(admin, string.Format(create, name));
        var slash = adminUrl.LastIndexOf('/');
        var url = adminUrl[..(slash + 1)] + name;
        return new TestDatabase(dialect, url, DatabaseUrl.Parse(url, null, "/").ConnectionString, () => ExecAsync(admin, string.Format(drop, name)));
    }

    private static async Task ExecAsync(DatabaseUrl admin, string sql)
    {
        await using var c = admin.Dialect.CreateConnection(admin.ConnectionString + ";Pooling=false");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Fails, never skips, when no server is configured: CI always starts them.</summary>
    public static string ServerUrl(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value)) return value;
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir);
        var env = dir is null ? null : Path.Combine(dir, ".scratch", "db", "env.sh");
        if (env is not null && File.Exists(env))
            foreach (var line in File.ReadAllLines(env))
                if (line.StartsWith($"export {variable}=", StringComparison.Ordinal)) return line[($"export {variable}=".Length)..];
        throw new InvalidOperationException($"{variable} is not set: run scripts/db-servers.sh start (scripts/test.sh does) before the integration tests.");
    }

    public async Task<DbConnection> OpenAsync()
    {
        var c = Dialect.CreateConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task ExecuteAsync(params string[] statements)
    {
        await using var c = await OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var c = await OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    public async ValueTask DisposeAsync() => await _drop();
}
