using Retort.Dialects.MySql;
using Retort.Dialects.Postgres;
using Retort.Dialects.Sqlite;
using Retort.Dialects.SqlServer;

namespace Retort.Dialects;

/// <summary>The dialects Retort knows, by the names used in URLs and configuration.</summary>
public static class SqlDialects
{
    public static readonly IReadOnlyList<string> Names = ["sqlite", "postgresql", "mysql", "mssql"];

    /// <summary>The dialect for a name or alias, or null when unknown.</summary>
    public static SqlDialect? Find(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteDialect(),
        "postgresql" or "postgres" or "pg" => new PostgresDialect(),
        "mysql" or "mariadb" => new MySqlDialect(),
        "mssql" or "sqlserver" => new SqlServerDialect(),
        _ => null,
    };
}
