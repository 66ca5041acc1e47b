using Retort.Dialects;
using Retort.Ops;

namespace Retort.ExternalProvider;

/// <summary>
/// DuckDB's SQL: the ANSI base with DuckDB's type names, sequences for autoincrement columns (DuckDB has neither
/// IDENTITY nor AUTOINCREMENT), and its own sequence operations.
/// </summary>
public sealed class DuckDbDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "VARCHAR",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.Decimal => $"DECIMAL({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.DateTime => "TIMESTAMP",
        SqlTypeKind.DateTimeOffset => "TIMESTAMPTZ",
        SqlTypeKind.Uuid => "UUID",
        SqlTypeKind.Binary => "BLOB",
        SqlTypeKind.Json => "JSON",
        SqlTypeKind.Enum => "VARCHAR",
        SqlTypeKind.Custom => CustomType(type),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    private static string SequenceName(string table, string column) => $"{table}_{column}_seq";

    /// <summary>An autoincrement column draws from its own sequence, created just before the table.</summary>
    protected override IEnumerable<SqlStatement> BeforeColumns(string table, string? schema, IEnumerable<Column> columns) =>
        columns.Where(c => c.Autoincrement).Select(c => (SqlStatement)$"CREATE SEQUENCE IF NOT EXISTS {Qualify(SequenceName(table, c.Name), schema)}");

    protected override string IdentityClause(string table, Column column) =>
        $" DEFAULT nextval({StringLiteral(SequenceName(table, column.Name))})";

    /// <summary>DuckDB's own operations, which no other provider knows.</summary>
    protected override IReadOnlyList<SqlStatement> GenerateOther(MigrationOperation operation) => operation switch
    {
        CreateSequenceOperation o => [$"CREATE SEQUENCE {QuoteIdentifier(o.Name)} START {o.Start}"],
        DropSequenceOperation o => [$"DROP SEQUENCE {QuoteIdentifier(o.Name)}"],
        _ => base.GenerateOther(operation),
    };
}
