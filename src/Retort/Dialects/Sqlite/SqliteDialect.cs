using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Retort.Dialects.Sqlite;

public sealed class SqliteDialect : SqlDialect
{
    public override string Name => "sqlite";

    public override bool TransactionalDdl => true;

    public override string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "VARCHAR",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "FLOAT",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.DateTimeOffset => "DATETIME",
        SqlTypeKind.Uuid => "CHAR(32)",
        SqlTypeKind.Binary => "BLOB",
        SqlTypeKind.Json => "JSON",
        SqlTypeKind.Enum => "VARCHAR",
        SqlTypeKind.Custom => CustomType(type),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    private string CustomType(SqlType type) =>
        type.CustomByDialect!.TryGetValue(Name, out var t) || type.CustomByDialect!.TryGetValue("*", out t)
            ? t
            : throw new NotSupportedException($"The custom type has no spelling for {Name}.");

    public override SqlStatement VersionTableExists(string table, string? schema) =>
        $"SELECT 1 FROM {Qualify(table, schema)} WHERE 0";
}
