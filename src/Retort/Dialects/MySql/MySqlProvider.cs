using System.Data.Common;
using MySqlConnector;

namespace Retort.Dialects.MySql;

/// <summary>MariaDB and MySQL through MySqlConnector: <c>mysql://user:password@host:port/database</c> (or <c>mariadb://</c>).</summary>
public class MySqlProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        MaxNameLength = 64,
        DdlLocks = DdlLockModel.OnlineAlter,
        TransactionalDdl = false,
        Comments = true,
        UniqueConstraintsAreIndexes = true,
        NativeEnums = true,
    };

    // The client's own default character set (latin1 or utf8mb3) would mangle or refuse 4-byte UTF-8 in literals.
    private static readonly OfflineScript Script = OfflineScript.Default with { BeginTransaction = "START TRANSACTION;", Preamble = ["SET NAMES utf8mb4;"], BodyDelimiter = "$$" };

    public override string Name => "mysql";

    public override IReadOnlyList<string> Aliases { get; } = ["mariadb"];

    public override ProviderCapabilities Capabilities => Caps;

    public override OfflineScript Offline => Script;

    public override IMigrationLock? MigrationLock { get; } = new MySqlMigrationLock();

    public override ServerDatabase? ServerDatabase { get; } = new MySqlServerDatabase();

    protected override SqlDialect CreateDialect() => new MySqlDialect(this);

    protected override TypeMapping CreateTypeMapping() => new MySqlTypeMapping();

    public override SchemaReflector? CreateReflector() => new MySqlReflector(Types, Dialect);

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    /// <summary>1205 ER_LOCK_WAIT_TIMEOUT, also what a metadata lock wait past lock_wait_timeout raises.</summary>
    public override bool IsLockTimeout(Exception error) => error is MySqlException { ErrorCode: MySqlErrorCode.LockWaitTimeout };

    public override string WithoutPooling(string connectionString) => new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public override string BuildConnectionString(ConnectionUrl url) => url.ServerConnectionString("Server", "User ID");
}
