using Retort.Configuration;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Cli;

/// <summary>
/// A server URL naming a database that does not exist: the error names the SQL to run, and upgrade/stamp
/// --create-database create it through the maintenance database, on the real PostgreSQL and MariaDB servers.
/// </summary>
public class CreateDatabaseTests
{
    private sealed class MissingDatabase(string dialect) : IAsyncDisposable
    {
        private readonly string _admin = TestDatabase.ServerUrl(dialect == "postgresql" ? "RETORT_TEST_PG" : "RETORT_TEST_MYSQL");

        public string Name { get; } = "retort_missing_" + Guid.NewGuid().ToString("N")[..10];

        public string Url => _admin[..(_admin.LastIndexOf('/') + 1)] + Name;

        public string Display => DatabaseUrl.Mask(Url);

        public async Task<bool> ExistsAsync() =>
            (await QueryAsync(dialect == "postgresql"
                ? $"SELECT datname FROM pg_database WHERE datname = '{Name}'"
                : $"SELECT schema_name FROM information_schema.schemata WHERE schema_name = '{Name}'")).Count == 1;

        private async Task<List<string>> QueryAsync(string sql)
        {
            var admin = DatabaseUrl.Parse(_admin, null, "/");
            await using var c = admin.Dialect.CreateConnection(admin.ConnectionString + ";Pooling=false");
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync()) rows.Add(r.GetString(0));
            return rows;
        }

        public async ValueTask DisposeAsync() =>
            await QueryAsync(dialect == "postgresql" ? $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)" : $"DROP DATABASE IF EXISTS {Name}");
    }

    private static void SetUrl(TutorialProject p, string url)
    {
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("url = \"sqlite:///app.db\"", $"url = \"{url}\""));
    }

    [Theory]
    [InlineData("postgresql", "3D000: database \"{0}\" does not exist. Create it with CREATE DATABASE \"{0}\"; or run retort upgrade --create-database (stamp takes it too).")]
    [InlineData("mysql", "Unknown database '{0}'. Create it with CREATE DATABASE IF NOT EXISTS `{0}`; or run retort upgrade --create-database (stamp takes it too).")]
    public async Task A_missing_database_fails_with_the_sql_to_run_and_upgrade_can_create_it(string dialect, string hint)
    {
        await using var db = new MissingDatabase(dialect);
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, db.Url);

        var failed = await p.Retort("upgrade", "head");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal($"FAILED: Cannot connect to {db.Display}: {string.Format(hint, db.Name)}\n", failed.Stderr);
        Assert.False(await db.ExistsAsync());

        var created = await p.Ok("upgrade", "head", "--create-database");
        Assert.StartsWith($"INFO  [retort.runtime.migration] Created database {db.Name}\n", created.Stderr);
        Assert.Contains($"Running upgrade {p.UsersId} -> {p.PhoneId}", created.Stderr);
        Assert.True(await db.ExistsAsync());
        Assert.Equal($"{p.PhoneId} (head)\n", (await p.Ok("current")).Stdout);

        // Existing now: the option changes nothing and says nothing.
        var again = await p.Ok("upgrade", "head", "--create-database");
        Assert.DoesNotContain("Created database", again.Stderr);
    }

    [Fact]
    public async Task Stamp_creates_the_database_too()
    {
        await using var db = new MissingDatabase("postgresql");
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, db.Url);
        var stamped = await p.Ok("stamp", "head", "--create-database");
        Assert.Contains($"Created database {db.Name}", stamped.Stderr);
        Assert.Equal($"{p.PhoneId} (head)\n", (await p.Ok("current")).Stdout);
    }

    [Fact]
    public async Task A_wrong_password_is_not_taken_for_a_missing_database()
    {
        await using var db = new MissingDatabase("postgresql");
        using var p = await TutorialProject.CreateAsync();
        SetUrl(p, db.Url.Replace(":retort-secret@", ":wrong-secret@"));
        var r = await p.Retort("upgrade", "head", "--create-database");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"FAILED: Cannot connect to {db.Display}: 28P01: password authentication failed for user \"retort\"\n", r.Stderr);
        Assert.DoesNotContain("wrong-secret", r.All);
        Assert.False(await db.ExistsAsync());
    }

    [Fact]
    public async Task A_user_who_may_not_create_databases_gets_one_failed_line()
    {
        await using var db = new MissingDatabase("postgresql");
        var role = "retort_nocreate_" + Guid.NewGuid().ToString("N")[..8];
        await using var admin = await TestDatabase.CreateAsync("postgresql");
        await admin.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'role-secret' NOCREATEDB");
        try
        {
            using var p = await TutorialProject.CreateAsync();
            var url = System.Text.RegularExpressions.Regex.Replace(db.Url, "//[^@]+@", $"//{role}:role-secret@");
            SetUrl(p, url);
            var r = await p.Retort("upgrade", "head", "--create-database");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"FAILED: Cannot create database {db.Name} on {DatabaseUrl.Mask(url)}: 42501: permission denied to create database\n", r.Stderr);
            Assert.DoesNotContain("role-secret", r.All);
            Assert.False(await db.ExistsAsync());
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task On_sqlite_the_option_is_harmless()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", "head", "--create-database");
        Assert.Equal([p.PhoneId], p.Versions());
    }
}
