using Retort.Dialects;
using Retort.Ops;

namespace Retort.Autogenerate;

/// <summary>
/// A NOT NULL column added to an existing table needs a value for the rows already there: without one SQLite
/// refuses the ADD COLUMN and the other databases refuse it as soon as the table has a row. As EF Core does, the
/// column is added with its type's zero value as DEFAULT, which fills those rows; the default is then dropped again so
/// that the database matches the model (a model default wins and stays).
/// </summary>
internal static class NotNullColumnFill
{
    public const string Note = "NOT NULL on an existing table: the rows already there get the type's zero value (as EF Core does); change it to suit.";

    /// <summary>The zero value's SQL for a column that needs one; null when the column does not, or its type has none.</summary>
    public static string? ZeroDefault(Column c, SqlDialect dialect)
    {
        if (c.Nullable || c.ServerDefault is not null || c.Computed is not null || c.Autoincrement || c.Identity is not null) return null;
        return c.Type.Kind switch
        {
            SqlTypeKind.SmallInt or SqlTypeKind.Integer or SqlTypeKind.BigInt or SqlTypeKind.Decimal or SqlTypeKind.Float or SqlTypeKind.Double => "0",
            SqlTypeKind.Boolean => dialect.Literal(false),
            SqlTypeKind.String or SqlTypeKind.Text => dialect.StringLiteral(""),
            SqlTypeKind.Date => dialect.StringLiteral("0001-01-01"),
            SqlTypeKind.Time => dialect.StringLiteral("00:00:00"),
            SqlTypeKind.DateTime or SqlTypeKind.DateTimeOffset => dialect.StringLiteral("0001-01-01 00:00:00"),
            SqlTypeKind.Uuid => dialect.StringLiteral(Guid.Empty.ToString()),
            SqlTypeKind.Enum when c.Type.EnumValues is [var first, ..] => dialect.StringLiteral(first),
            _ => null,
        };
    }

    /// <summary>Drops the temporary default once the rows are filled; its inverse puts it back for the Downgrade.</summary>
    public static AlterColumnOperation DropDefault(string table, string? schema, Column c, string zero) =>
        new(table, c.Name)
        {
            Schema = schema, ChangeServerDefault = true, ServerDefault = null, ExistingType = c.Type, ExistingNullable = false,
            ExistingServerDefault = zero,
        };
}
