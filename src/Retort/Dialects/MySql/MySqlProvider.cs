using System.Data.Common;
using MySqlConnector;

namespace Retort.Dialects.MySql;

/// <summary>MariaDB and MySQL through MySqlConnector: <c>mysql://user:password@host:port/database</c> (or <c>mariadb://</c>).</summary>
public class MySqlProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        TransactionalDdl = false,
        Comments = true,
        RestrictIsNoAction = true,
        UniqueConstraintsAreIndexes = true,
        NativeEnums = true,
    };

    private static readonly OfflineScript Script = OfflineScript.Default with { BeginTransaction = "START TRANSACTION;" };

    public override string Name => "mysql";

    public override IReadOnlyList<string> Aliases { get; } = ["mariadb"];

    public override ProviderCapabilities Capabilities => Caps;

    public override OfflineScript Offline => Script;

    public override IMigrationLock? MigrationLock { get; } = new MySqlMigrationLock();

    protected override SqlDialect CreateDialect() => new MySqlDialect(this);

    protected override TypeMapping CreateTypeMapping() => new MySqlTypeMapping();

    public override SchemaReflector? CreateReflector() => new MySqlReflector(Types);

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public override string BuildConnectionString(ConnectionUrl url) => url.ServerConnectionString("Server", "User ID");
}
