using System.Data.Common;
using Npgsql;

namespace Retort.Dialects.Postgres;

/// <summary>PostgreSQL through Npgsql: <c>postgresql://user:password@host:port/database</c>.</summary>
public class PostgresProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        MaxNameLength = 63,
        DdlLocks = DdlLockModel.LockQueue,
        TransactionalDdl = true,
        Comments = true,
        NativeEnums = true,
        PartialIndexes = true,
        AlterGeneratedColumns = false,
        Schemas = true,
        NotValidConstraints = true,
        IndexCommentAlone = true,
    };

    public override string Name => "postgresql";

    public override IReadOnlyList<string> Aliases { get; } = ["postgres", "pg"];

    public override ProviderCapabilities Capabilities => Caps;

    public override IMigrationLock? MigrationLock { get; } = new PostgresMigrationLock();

    public override ServerDatabase? ServerDatabase { get; } = new PostgresServerDatabase();

    protected override SqlDialect CreateDialect() => new PostgresDialect(this);

    protected override TypeMapping CreateTypeMapping() => new PostgresTypeMapping();

    public override SchemaReflector? CreateReflector() => new PostgresReflector(Types, Dialect);

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>55P03 lock_not_available: "canceling statement due to lock timeout".</summary>
    public override bool IsLockTimeout(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    public override string WithoutPooling(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public override string BuildConnectionString(ConnectionUrl url) => url.ServerConnectionString("Host", "Username");
}
