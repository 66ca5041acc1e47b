using System.Data.Common;
using Npgsql;

namespace Retort.Dialects.Postgres;

/// <summary>PostgreSQL through Npgsql: <c>postgresql://user:password@host:port/database</c>.</summary>
public class PostgresProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        TransactionalDdl = true,
        Comments = true,
        NativeEnums = true,
        PartialIndexes = true,
        AlterGeneratedColumns = false,
        Schemas = true,
    };

    public override string Name => "postgresql";

    public override IReadOnlyList<string> Aliases { get; } = ["postgres", "pg"];

    public override ProviderCapabilities Capabilities => Caps;

    public override IMigrationLock? MigrationLock { get; } = new PostgresMigrationLock();

    public override ServerDatabase? ServerDatabase { get; } = new PostgresServerDatabase();

    protected override SqlDialect CreateDialect() => new PostgresDialect(this);

    protected override TypeMapping CreateTypeMapping() => new PostgresTypeMapping();

    public override SchemaReflector? CreateReflector() => new PostgresReflector(Types);

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string WithoutPooling(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public override string BuildConnectionString(ConnectionUrl url) => url.ServerConnectionString("Host", "Username");
}
