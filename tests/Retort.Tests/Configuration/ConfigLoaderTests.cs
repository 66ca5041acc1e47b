using Retort.Configuration;
using Retort.Tests.Cli;

namespace Retort.Tests.Configuration;

public class ConfigLoaderTests
{
    [Fact]
    public void Reads_every_key_and_expands_environment_variables()
    {
        using var dir = new TempDir();
        Environment.SetEnvironmentVariable("RETORT_TEST_URL_VAR", "sqlite:///from-env.db");
        File.WriteAllText(dir["retort.toml"], """
            [retort]
            script_location = "db/migrations"
            url = "${RETORT_TEST_URL_VAR}"
            version_table = "my_versions"
            version_table_schema = "audit"
            file_template = "{year}_{rev}_{slug}"
            truncate_slug_length = 20
            transaction_per_migration = true
            timezone = "UTC"
            schemas = ["public", "ordering"]
            """);
        var config = ConfigLoader.Load(dir["retort.toml"]);
        Assert.Equal("db/migrations", config.ScriptLocation);
        Assert.Equal("sqlite:///from-env.db", config.Url);
        Assert.Equal("my_versions", config.VersionTable);
        Assert.Equal("audit", config.VersionTableSchema);
        Assert.Equal("{year}_{rev}_{slug}", config.FileTemplate);
        Assert.Equal(20, config.TruncateSlugLength);
        Assert.True(config.TransactionPerMigration);
        Assert.Equal("UTC", config.Timezone);
        Assert.Equal(["public", "ordering"], config.Schemas);
        Assert.Equal(Path.Combine(dir.Path, "db/migrations/versions"), config.ResolvedVersionLocations.Single());
        Assert.Equal($"Data Source={dir["from-env.db"]};Foreign Keys=False", config.ResolveDatabase().ConnectionString);
    }

    [Theory]
    [InlineData("[retort]\nurl = = 1\n", "Malformed retort.toml: (2,7) : error : Unexpected token `=` while parsing a value.")]
    [InlineData("[retort]\nurll = \"x\"\n", "Unknown key 'urll' in [retort] of retort.toml; known keys: ddl_lock_retries, ddl_lock_timeout, dialect, file_template, lock_timeout, on_connect, providers, recursive_version_locations, references, revision_environment, safe_ddl, schemas, script_location, server_version, timezone, transaction_per_migration, truncate_slug_length, url, version_locations, version_table, version_table_schema.")]
    [InlineData("url = \"x\"\n", "retort.toml has no [retort] table.")]
    [InlineData("[retort]\nschemas = \"ordering\"\n", "schemas in retort.toml must be an array of schema names, e.g. [\"public\", \"ordering\"].")]
    [InlineData("[retort]\ntruncate_slug_length = \"x\"\n", "truncate_slug_length in retort.toml must be a whole number from 1 to 200.")]
    [InlineData("[retort]\ntruncate_slug_length = 0\n", "truncate_slug_length in retort.toml must be a whole number from 1 to 200; got 0.")]
    [InlineData("[retort]\nlock_timeout = 99999999999999\n", "lock_timeout in retort.toml must be a whole number from 0 to 2147483; got 99999999999999.")]
    [InlineData("[retort]\nlock_timeout = -5\n", "lock_timeout in retort.toml must be a whole number from 0 to 2147483; got -5.")]
    [InlineData("[retort]\nurl = \"sqlite:///a.db\"\n\n[retort]  # again\nurl = \"sqlite:///b.db\"\n", "[retort] appears twice in retort.toml: merge the two tables into one.")]
    [InlineData("[retort]\nurl = \"sqlite:///a.db\"\n[databases]\nx = \"sqlite:///x.db\"\n[ databases ]\ny = \"sqlite:///y.db\"\n", "[databases] appears twice in retort.toml: merge the two tables into one.")]
    [InlineData("[retort]\nurl = \"${RETORT_SURELY_UNSET_VAR}\"\n", "url refers to ${RETORT_SURELY_UNSET_VAR} but that environment variable is not set.")]
    [InlineData("[retort]\nurl = \"x\"\n[naming_convention]\nfkk = \"fk_{table_name}\"\n", "retort.toml: Unknown naming_convention key 'fkk': the keys are pk, fk, uq, ck and ix.")]
    [InlineData("[retort]\nurl = \"x\"\n[naming_convention]\nuq = \"uq_{tabel_name}\"\n", "retort.toml: Unknown token {tabel_name} in naming_convention uq; known: {table_name}, {constraint_name}, {column_0_name}, {column_0_N_name}, {column_0N_name}, {column_0_label}, {column_0_key}.")]
    [InlineData("[retort]\nurl = \"x\"\n[naming_convention]\nix = \"ix_{referred_table_name}\"\n", "retort.toml: Unknown token {referred_table_name} in naming_convention ix; known: {table_name}, {constraint_name}, {column_0_name}, {column_0_N_name}, {column_0N_name}, {column_0_label}, {column_0_key}.")]
    [InlineData("[retort]\nurl = \"x\"\n[naming_convention]\nfk = 5\n", "naming_convention.fk in retort.toml must be a string, e.g. \"fk_{table_name}_{column_0_name}_{referred_table_name}\".")]
    [InlineData("[retort]\nurl = \"x\"\nrevision_environment = \"yes\"\n", "revision_environment in retort.toml must be true or false.")]
    public void Bad_files_give_one_clear_error(string toml, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["retort.toml"], toml);
        var e = Assert.Throws<RetortException>(() => ConfigLoader.Load(dir["retort.toml"]));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Naming_convention_and_revision_environment_are_read()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["retort.toml"], "[retort]\nurl = \"x\"\nrevision_environment = true\n[naming_convention]\nfk = \"fk_%(table_name)s_%(column_0_N_name)s\"\nix = \"ix_{column_0_label}\"\n");
        var config = ConfigLoader.Load(dir["retort.toml"]);
        Assert.True(config.RevisionEnvironment);
        Assert.Equal(new NamingConvention { Fk = "fk_%(table_name)s_%(column_0_N_name)s", Ix = "ix_{column_0_label}" }, config.NamingConvention);
        Assert.Equal("fk_orders_a_b", config.NamingConvention.ForeignKeyName("orders", ["a", "b"], "customers", ["x", "y"]));
        Assert.Equal("ix_shop_orders_a", config.NamingConvention.IndexName("orders", ["a"], schema: "shop"));
        Assert.Equal("uq_orders_a", config.NamingConvention.UniqueName("orders", ["a"]));
        Assert.False(config.Extra.ContainsKey("naming_convention"));
    }

    [Fact]
    public void Missing_file_says_how_to_make_one()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<RetortException>(() => ConfigLoader.Load(dir["nope.toml"]));
        Assert.Equal($"Config file not found: {dir["nope.toml"]}", e.Message);
    }
}
