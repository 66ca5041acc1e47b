using MySqlConnector;

namespace Retort.Dialects.MySql;

/// <summary>CREATE DATABASE IF NOT EXISTS on a connection that names no database (MariaDB/MySQL allow that).</summary>
public sealed class MySqlServerDatabase : ServerDatabase
{
    public override string DatabaseName(string connectionString) => new MySqlConnectionStringBuilder(connectionString).Database;

    public override bool IsMissingDatabase(Exception error) => error is MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase };

    public override string CreateDatabaseSql(SqlDialect dialect, string name) => $"CREATE DATABASE IF NOT EXISTS {dialect.QuoteIdentifier(name)};";

    public override string MaintenanceConnectionString(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Database = "", Pooling = false }.ConnectionString;
}
