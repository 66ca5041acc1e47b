using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Retort.Configuration;

namespace Retort.EntityFrameworkCore.Tests;

/// <summary>
/// A fresh, empty database — a real SQLite file or a database on the real PostgreSQL server named by RETORT_TEST_PG
/// (or the repository's .scratch/db/env.sh) — with its Retort URL and EF Core options; dropped on dispose.
/// </summary>
public sealed class EfDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private EfDatabase(string dialect, string url, string connectionString, Func<Task> drop)
    {
        Dialect = dialect;
        Url = url;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Dialect { get; }

    public string Url { get; }

    public string ConnectionString { get; }

    public static readonly string[] All = ["sqlite", "postgresql"];

    public static async Task<EfDatabase> CreateAsync(string dialect)
    {
        if (dialect == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("retort-ef-").FullName;
            var file = Path.Combine(dir, "test.db");
            return new EfDatabase("sqlite", $"sqlite:///{file}", $"Data Source={file};Pooling=False", () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
                return Task.CompletedTask;
            });
        }
        var adminUrl = ServerUrl("RETORT_TEST_PG");
        var admin = DatabaseUrl.Parse(adminUrl, null, "/").ConnectionString + ";Pooling=false";
        var name = "retort_ef_" + Guid.NewGuid().ToString("N")[..10];
        await ExecAsync(admin, $"CREATE DATABASE {name}");
        var url = adminUrl[..(adminUrl.LastIndexOf('/') + 1)] + name;
        return new EfDatabase("postgresql", url, DatabaseUrl.Parse(url, null, "/").ConnectionString + ";Pooling=false",
            () => ExecAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }

    public DbContextOptions Options()
    {
        var b = new DbContextOptionsBuilder();
        if (Dialect == "sqlite") b.UseSqlite(ConnectionString);
        else b.UseNpgsql(ConnectionString);
        return b.Options;
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection c = Dialect == "sqlite" ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Fails, never skips, when no server is configured: CI always starts them.</summary>
    private static string ServerUrl(string variable)
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

    public async ValueTask DisposeAsync() => await _drop();
}
