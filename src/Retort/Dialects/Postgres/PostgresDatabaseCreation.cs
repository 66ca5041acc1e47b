using Npgsql;

namespace Retort.Dialects.Postgres;

/// <summary>SQLSTATE 3D000 names a missing database; it is created from the "postgres" maintenance database
/// (template1 would be the template CREATE DATABASE copies, which must have no other connection).</summary>
internal sealed class PostgresDatabaseCreation(SqlDialect dialect) : DatabaseCreation
{
    public override string? MissingDatabase(Exception error, string connectionString) =>
        error is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } ? new NpgsqlConnectionStringBuilder(connectionString).Database : null;

    public override string MaintenanceConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    public override string CreateSql(string name) => $"CREATE DATABASE {dialect.QuoteIdentifier(name)};";
}
