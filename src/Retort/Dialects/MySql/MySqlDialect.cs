using System.Data.Common;
using MySqlConnector;

namespace Retort.Dialects.MySql;

public sealed class MySqlDialect : SqlDialect
{
    public override string Name => "mysql";

    public override bool TransactionalDdl => false;

    public override string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "VARCHAR(255)",
        SqlTypeKind.Text => "TEXT",
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    public override SqlStatement VersionTableExists(string table, string? schema) =>
        $"SELECT 1 FROM {Qualify(table, schema)} WHERE 1 = 0";
}
