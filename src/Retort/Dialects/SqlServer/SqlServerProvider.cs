using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Retort.Dialects.SqlServer;

/// <summary>SQL Server through Microsoft.Data.SqlClient: <c>mssql://user:password@host:port/database</c>; offline scripts in GO batches.</summary>
public class SqlServerProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        MaxNameLength = 128,
        TransactionalDdl = true,
        Comments = true,
        RestrictIsNoAction = true,
        PartialIndexes = true,
        Schemas = true,
    };

    private static readonly OfflineScript Script = OfflineScript.Default with { BeginTransaction = "BEGIN TRANSACTION;", BatchSeparator = "GO" };

    public override string Name => "mssql";

    public override IReadOnlyList<string> Aliases { get; } = ["sqlserver"];

    public override ProviderCapabilities Capabilities => Caps;

    public override OfflineScript Offline => Script;

    public override IMigrationLock? MigrationLock { get; } = new SqlServerMigrationLock();

    protected override SqlDialect CreateDialect() => new SqlServerDialect(this);

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override string WithoutPooling(string connectionString) => new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>SqlClient takes the port after a comma in Server; the test servers use self-signed certificates.</summary>
    public override string BuildConnectionString(ConnectionUrl url) =>
        url.ServerConnectionString("Server", "User ID", portKey: null, extra: ("TrustServerCertificate", "True"));
}
