using System.Data.Common;
using Retort.Commands;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Tests.Cli;

namespace Retort.Tests.Providers;

/// <summary>
/// A fifth database from outside the Retort assembly: tests/Retort.ExternalProvider (public API only) adds DuckDB.
/// It is loaded from its own build folder as a plugin, registered, and driven through the library and the CLI.
/// </summary>
public class ExternalProviderTests
{
    /// <summary>The plugin's build output: the same configuration as this test assembly, beside it in tests/.</summary>
    internal static string PluginPath
    {
        get
        {
            var testsBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar); // …/tests/Retort.Tests/bin/<Configuration>/net10.0
            var configuration = new DirectoryInfo(testsBin).Parent!.Name;
            var tests = new DirectoryInfo(testsBin).Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(tests, "Retort.ExternalProvider", "bin", configuration, "net10.0", "Retort.ExternalProvider.dll");
        }
    }

    private static DatabaseProvider RegisterDuckDb()
    {
        var assembly = ProviderAssemblies.LoadAssembly(PluginPath);
        var provider = (DatabaseProvider)Activator.CreateInstance(assembly.GetType("Retort.ExternalProvider.DuckDbProvider", throwOnError: true)!)!;
        DatabaseProviders.Register(provider);
        return provider;
    }

    private static async Task<List<string>> QueryAsync(DatabaseProvider provider, string file, string sql)
    {
        await using DbConnection c = provider.CreateConnection("Data Source=" + file);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    private const string Columns = "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position";

    [Fact]
    public async Task A_provider_registered_from_outside_runs_upgrade_downgrade_and_current_through_the_library()
    {
        var provider = RegisterDuckDb();
        Assert.Same(provider, DatabaseProviders.Find("duckdb"));
        Assert.Contains(provider, DatabaseProviders.All);
        using var dir = new TempDir();
        var config = new RetortConfig
        {
            BaseDirectory = dir.Path,
            Url = "duckdb:///app.duckdb",
            RevisionAssembly = provider.GetType().Assembly,
        };
        var commands = new RetortCommands(config, new StringWriter());

        await commands.UpgradeAsync("head");
        Assert.Equal(["duck00000002"], await commands.CurrentAsync());
        var db = dir["app.duckdb"];
        Assert.Equal(["duck00000002"], await QueryAsync(provider, db, "SELECT version_num FROM retort_version"));
        Assert.Equal(["id INTEGER NO", "name VARCHAR NO", "ticket BIGINT YES", "email VARCHAR YES"], await QueryAsync(provider, db, Columns));
        // The autoincrement column and the extension operation's sequence both act.
        await QueryAsync(provider, db, "INSERT INTO users (name) VALUES ('ann'), ('bob')");
        Assert.Equal(["1|ann|100", "2|bob|101"], await QueryAsync(provider, db, "SELECT id, name, ticket FROM users ORDER BY id"));
        Assert.Equal(["upgrade duck00000001", "upgrade duck00000002"],
            await QueryAsync(provider, db, "SELECT direction || ' ' || revision FROM retort_version_history ORDER BY id"));

        await commands.DowngradeAsync("duck00000001");
        Assert.Equal(["duck00000001"], await commands.CurrentAsync());
        Assert.Equal(["id INTEGER NO", "name VARCHAR NO", "ticket BIGINT YES"], await QueryAsync(provider, db, Columns));

        await commands.DowngradeAsync("base");
        Assert.Empty(await commands.CurrentAsync());
        Assert.Empty(await QueryAsync(provider, db, "SELECT version_num FROM retort_version"));
        Assert.Empty(await QueryAsync(provider, db, "SELECT table_name FROM information_schema.tables WHERE table_name = 'users'"));
        Assert.Empty(await QueryAsync(provider, db, "SELECT sequence_name FROM duckdb_sequences() WHERE sequence_name = 'ticket_numbers'"));
    }

    [Fact]
    public async Task The_cli_loads_the_provider_named_in_retort_toml_and_migrates_with_it()
    {
        using var dir = new TempDir();
        var init = await CliRunner.RunAsync(dir.Path, "init", "migrations");
        Assert.True(init.ExitCode == 0, init.ToString());
        File.WriteAllText(dir["retort.toml"], $"""
            [retort]
            script_location = "migrations"
            url = "duckdb:///app.duckdb"
            providers = ["{PluginPath.Replace("\\", "\\\\")}"]
            """);
        File.WriteAllText(dir["migrations/versions/cli000000001_create_users.cs"], """
            [Revision("cli000000001", Message = "create users")]
            public sealed class CreateUsers : Migration
            {
                public override void Upgrade(Operations op) =>
                    op.CreateTable("users",
                        new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
                        new Column("name", SqlType.String(50)) { Nullable = false });

                public override void Downgrade(Operations op) => op.DropTable("users");
            }
            """);

        var offline = await CliRunner.RunAsync(dir.Path, "upgrade", "head", "--sql");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("CREATE SEQUENCE IF NOT EXISTS \"users_id_seq\";", offline.Stdout);
        Assert.Contains("\"id\" INTEGER DEFAULT nextval('users_id_seq') NOT NULL", offline.Stdout);
        Assert.Contains("INSERT INTO \"retort_version\" (version_num) VALUES ('cli000000001');", offline.Stdout);

        var up = await CliRunner.RunAsync(dir.Path, "upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("Context impl DuckDbDialect.", up.Stderr);
        var current = await CliRunner.RunAsync(dir.Path, "current");
        Assert.Equal("cli000000001 (head)", current.Stdout.Trim());

        var provider = RegisterDuckDb();
        Assert.Equal(["cli000000001"], await QueryAsync(provider, dir["app.duckdb"], "SELECT version_num FROM retort_version"));
        Assert.Equal(["id INTEGER NO", "name VARCHAR NO"], await QueryAsync(provider, dir["app.duckdb"], Columns));

        var down = await CliRunner.RunAsync(dir.Path, "downgrade", "base");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal("", (await CliRunner.RunAsync(dir.Path, "current")).Stdout.Trim());
        Assert.Empty(await QueryAsync(provider, dir["app.duckdb"], "SELECT table_name FROM information_schema.tables WHERE table_name = 'users'"));
        Assert.Empty(await QueryAsync(provider, dir["app.duckdb"], "SELECT version_num FROM retort_version"));
    }

    [Fact]
    public async Task A_missing_provider_assembly_is_one_clear_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["retort.toml"], "[retort]\nurl = \"duckdb:///x.duckdb\"\nproviders = [\"nowhere/Missing.Provider.dll\"]\n");
        var r = await CliRunner.RunAsync(dir.Path, "current");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("FAILED: Provider assembly " + Path.Combine(dir.Path, "nowhere/Missing.Provider.dll") + " does not exist (providers in retort.toml).", r.Stderr.Trim());
    }
}
