using System.Data.Common;
using DuckDB.NET.Data;
using Retort.Dialects;
using Retort.Dialects.Sqlite;

namespace Retort.ExternalProvider;

/// <summary>
/// DuckDB as a Retort provider: <c>duckdb:///relative.duckdb</c>, <c>duckdb:////absolute.duckdb</c>, <c>duckdb://</c>
/// (in memory). Registered with <c>DatabaseProviders.Register(new DuckDbProvider())</c>, or found by
/// <c>providers = ["Retort.ExternalProvider.dll"]</c> in retort.toml.
/// </summary>
public sealed class DuckDbProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        TransactionalDdl = true,
        MultiStatementBatches = true,
        // DuckDB has no ALTER TABLE … ADD CONSTRAINT: foreign keys go inline in CREATE TABLE.
        AlterAddConstraint = false,
        Comments = true,
        Schemas = true,
    };

    public override string Name => "duckdb";

    public override ProviderCapabilities Capabilities => Caps;

    protected override SqlDialect CreateDialect() => new DuckDbDialect(this);

    public override DbConnection CreateConnection(string connectionString) => new DuckDBConnection(connectionString);

    /// <summary>A file path like SQLite's: the public building block does the work.</summary>
    public override string BuildConnectionString(ConnectionUrl url) => SqliteProvider.FileConnectionString(url);
}
