using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Retort.Hosting;
using Retort.Tests.Runtime;

namespace Retort.Tests.Hosting;

/// <summary>
/// Retort.Hosting with ConfigFile: retort.toml's version_table, transaction_per_migration and lock_timeout hold unless
/// the host's options set them (a real host, real revision files compiled at start-up, a real SQLite file).
/// </summary>
public class HostingOptionsTests
{
    private static IHost Host(string contentRoot, Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { ContentRootPath = contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRetortMigrator(builder.Configuration.GetSection("Retort"), typeof(HostingOptionsTests).Assembly);
        return builder.Build();
    }

    /// <summary>Four revisions; the third fails half-way. lock_timeout is 1 s, the version table app_versions.</summary>
    private static GeneratedProject Project(out string dbFile)
    {
        var p = new GeneratedProject("sqlite:///app.db", 4, failAt: 3);
        dbFile = Path.Combine(p.Path, "app.db");
        File.WriteAllText(Path.Combine(p.Path, "retort.toml"), """
            [retort]
            script_location = "migrations"
            url = "sqlite:///app.db"
            version_table = "app_versions"
            transaction_per_migration = true
            lock_timeout = 1
            """);
        return p;
    }

    private static List<string> Query(string dbFile, string sql)
    {
        using var c = new SqliteConnection($"Data Source={dbFile};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(r.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Version_table_and_transaction_per_migration_come_from_retort_toml()
    {
        using var p = Project(out var db);
        using var host = Host(p.Path, new() { ["Retort:ConfigFile"] = "retort.toml" });
        var e = await Assert.ThrowsAsync<Retort.Runtime.MigrationFailedException>(() => host.MigrateDatabaseAsync());
        Assert.Contains($"Upgrade of revision {GeneratedProject.Id(3)} (rev 3) failed", e.Message);
        // transaction_per_migration = true: revisions 1 and 2 committed before 3 failed, recorded in app_versions.
        Assert.Equal([GeneratedProject.Id(2)], Query(db, "SELECT version_num FROM app_versions"));
        Assert.Equal(["app_versions", "app_versions_history", "t1", "t2"],
            Query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"));
    }

    [Fact]
    public async Task Options_that_are_set_override_retort_toml()
    {
        using var p = Project(out var db);
        using var host = Host(p.Path, new()
        {
            ["Retort:ConfigFile"] = "retort.toml",
            ["Retort:VersionTable"] = "svc_versions",
            ["Retort:TransactionPerMigration"] = "false",
        });
        await Assert.ThrowsAsync<Retort.Runtime.MigrationFailedException>(() => host.MigrateDatabaseAsync());
        // One transaction for the run: the failure at 3 rolled back 1 and 2 and the version table with them.
        Assert.Empty(Query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"));
    }

    [Fact]
    public async Task Lock_timeout_comes_from_retort_toml()
    {
        using var p = Project(out var db);
        // Another process's lock: the exclusive lock file Retort's SQLite lock takes beside the database.
        await using var held = new FileStream(db + ".retort-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var host = Host(p.Path, new() { ["Retort:ConfigFile"] = "retort.toml" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RetortException>(() => host.MigrateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("Timed out after 1 s waiting for the migration lock", e.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 30);
    }
}
