using Npgsql;

namespace Retort.Dialects.Postgres;

/// <summary>CREATE DATABASE through the "postgres" maintenance database (template1 would be locked by CREATE DATABASE itself).</summary>
public sealed class PostgresServerDatabase : ServerDatabase
{
    public override string DatabaseName(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    public override bool IsMissingDatabase(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName };

    public override bool IsDuplicateDatabase(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.DuplicateDatabase };

    public override string CreateDatabaseSql(SqlDialect dialect, string name) => $"CREATE DATABASE {dialect.QuoteIdentifier(name)};";

    public override string MaintenanceConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
}
