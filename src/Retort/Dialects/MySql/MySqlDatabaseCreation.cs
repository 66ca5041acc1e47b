using MySqlConnector;

namespace Retort.Dialects.MySql;

/// <summary>Error 1049 names a missing database; a MariaDB/MySQL connection need not name any to create one.</summary>
internal sealed class MySqlDatabaseCreation(SqlDialect dialect) : DatabaseCreation
{
    public override string? MissingDatabase(Exception error, string connectionString) =>
        error is MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase } ? new MySqlConnectionStringBuilder(connectionString).Database : null;

    public override string MaintenanceConnectionString(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Database = "", Pooling = false }.ConnectionString;

    public override string CreateSql(string name) => $"CREATE DATABASE IF NOT EXISTS {dialect.QuoteIdentifier(name)};";
}
