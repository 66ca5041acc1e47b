using Retort.Dialects;
using Retort.Dialects.Sqlite;
using Retort.Ops;
using Retort.Tests.Dialects;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Providers;

/// <summary>A test-only provider: SQLite files under another name, with backtick quoting.</summary>
public sealed class BacktickSqliteProvider : SqliteProvider
{
    public override string Name => "sqlite-backtick";

    public override IReadOnlyList<string> Aliases { get; } = ["bq-sqlite"];

    protected override SqlDialect CreateDialect() => new BacktickDialect(this);

    private sealed class BacktickDialect(DatabaseProvider provider) : SqliteDialect(provider)
    {
        public override string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";
    }
}

/// <summary>An operation Retort does not define, as an extension would write it.</summary>
public sealed record StampRowOperation(string Table, string Note) : TableOperation(Table);

public class ProviderRegistryTests
{
    [Theory]
    [InlineData("sqlite", "sqlite")]
    [InlineData("postgresql", "postgresql")]
    [InlineData("POSTGRES", "postgresql")]
    [InlineData("pg", "postgresql")]
    [InlineData("mysql", "mysql")]
    [InlineData("mariadb", "mysql")]
    [InlineData("mssql", "mssql")]
    [InlineData("sqlserver", "mssql")]
    public void Built_in_providers_are_found_by_name_and_alias(string key, string name)
    {
        var provider = DatabaseProviders.Get(key);
        Assert.Equal(name, provider.Name);
        Assert.Same(provider, provider.Dialect.Provider);
        Assert.Equal(name, provider.Dialect.Name);
    }

    [Fact]
    public void Capabilities_and_offline_spelling_belong_to_each_provider()
    {
        Assert.False(DatabaseProviders.Get("mysql").Capabilities.TransactionalDdl);
        Assert.True(DatabaseProviders.Get("mysql").Capabilities.UniqueConstraintsAreIndexes);
        Assert.Equal("START TRANSACTION;", DatabaseProviders.Get("mysql").Offline.BeginTransaction);
        Assert.Equal("GO", DatabaseProviders.Get("mssql").Offline.BatchSeparator);
        Assert.False(DatabaseProviders.Get("sqlite").Capabilities.AlterAddConstraint);
        Assert.True(DatabaseProviders.Get("postgresql").Capabilities.NativeEnums);
        Assert.Null(DatabaseProviders.Get("mssql").CreateReflector());
        Assert.NotNull(DatabaseProviders.Get("postgresql").MigrationLock);
    }

    [Fact]
    public void Unknown_names_fail_with_the_known_ones()
    {
        Assert.Null(DatabaseProviders.Find("oracle"));
        var e = Assert.Throws<RetortException>(() => DatabaseProviders.Get("oracle"));
        Assert.StartsWith("Unknown dialect 'oracle': expected one of sqlite, postgresql, mysql, mssql", e.Message);
    }

    [Fact]
    public void A_registered_provider_is_found_and_a_taken_name_is_refused()
    {
        DatabaseProviders.Register(new BacktickSqliteProvider());
        var found = DatabaseProviders.Get("bq-sqlite");
        Assert.IsType<BacktickSqliteProvider>(found);
        Assert.Equal("CREATE INDEX `ix` ON `t` (`a`)", found.Dialect.Generate(new CreateIndexOperation("ix", "t", ["a"])).Single().Sql);
        // The same type again replaces the instance; another type under a taken name is refused.
        DatabaseProviders.Register(new BacktickSqliteProvider());
        Assert.Single(DatabaseProviders.All, p => p is BacktickSqliteProvider);
        var e = Assert.Throws<RetortException>(() => DatabaseProviders.Register(new ImpostorProvider()));
        Assert.Contains("the name 'sqlite' belongs to Retort.Dialects.Sqlite.SqliteProvider", e.Message);
        Assert.IsType<SqliteProvider>(DatabaseProviders.Get("sqlite"));
    }

    private sealed class ImpostorProvider : SqliteProvider;

    [Fact]
    public void A_registered_url_scheme_builds_its_connection_string()
    {
        DatabaseProviders.Register(new BacktickSqliteProvider());
        var url = Retort.Configuration.DatabaseUrl.Parse("bq-sqlite:///data/app.db", null, "/base");
        Assert.IsType<BacktickSqliteProvider>(url.Provider);
        Assert.Equal("Data Source=/base/data/app.db;Foreign Keys=False", url.ConnectionString);
    }

    [Fact]
    public void An_extension_operation_without_a_generator_names_the_way_to_register_one()
    {
        var e = Assert.Throws<NotSupportedException>(() => DatabaseProviders.Get("mysql").Dialect.Generate(new UnregisteredOperation()));
        Assert.Equal("The mysql provider has no SQL for UnregisteredOperation: register it with SqlGenerators.Register<UnregisteredOperation>(…).", e.Message);
    }

    private sealed record UnregisteredOperation : MigrationOperation;

    [Fact]
    public async Task An_extension_operation_runs_with_its_registered_sql_online_and_offline()
    {
        SqlGenerators.Register<StampRowOperation>((o, d) => [$"INSERT INTO {d.QuoteIdentifier(o.Table)} (name) VALUES ({d.StringLiteral(o.Note)})"]);
        SqlGenerators.Register<StampRowOperation>((o, d) => [$"INSERT INTO {d.Qualify(o.Table, o.Schema)} WITH (TABLOCK) (name) VALUES ({d.StringLiteral(o.Note)})"], "sqlserver");
        var op = new StampRowOperation("users", "it's me");
        // Offline: the generator for all providers, and the SQL Server one (registered under an alias) for SQL Server.
        Assert.Equal("INSERT INTO `users` (name) VALUES ('it''s me')", DatabaseProviders.Get("mysql").Dialect.Generate(op).Single().Sql);
        Assert.Equal("INSERT INTO [users] WITH (TABLOCK) (name) VALUES (N'it''s me')", DatabaseProviders.Get("mssql").Dialect.Generate(op).Single().Sql);

        // Online, through the same path revisions take (SQLite's GenerateAsync with its rebuild rule first).
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await OperationSpecTests.ApplyAsync(db, new CreateTableOperation("users", [new Column("name", SqlType.String(20))]));
        await OperationSpecTests.ApplyAsync(db, op);
        Assert.Equal(["it's me"], await db.QueryAsync("SELECT name FROM users"));
    }

    [Fact]
    public void The_recorded_operation_list_accepts_extension_operations()
    {
        var op = new Operations();
        op.Add(new StampRowOperation("users", "x"));
        Assert.IsType<StampRowOperation>(Assert.Single(op.Recorded));
    }
}
