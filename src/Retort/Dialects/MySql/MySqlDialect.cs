using System.Data.Common;
using System.Text;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>MySQL and MariaDB: no transactional DDL, CHANGE/MODIFY restate the whole column.</summary>
public class MySqlDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override SqlLexicon Lexicon => SqlLexicon.MySql;

    public override string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    public override string StringLiteral(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => $"VARCHAR({type.Length ?? 255})",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOL",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "FLOAT",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.DateTimeOffset => "DATETIME",
        SqlTypeKind.Uuid => "CHAR(36)",
        SqlTypeKind.Binary => type.Length is { } n ? $"VARBINARY({n})" : "BLOB",
        SqlTypeKind.Json => "JSON",
        SqlTypeKind.Enum => $"ENUM({string.Join(", ", (type.EnumValues ?? []).Select(StringLiteral))})",
        SqlTypeKind.Custom => CustomType(type),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    protected override string IdentityClause(string table, Column column) => " AUTO_INCREMENT";

    protected override string InlineColumnComment(Column column) => column.Comment is null ? "" : " COMMENT " + StringLiteral(column.Comment);

    protected override string TableSuffix(CreateTableOperation o) => o.Comment is null ? "" : " COMMENT=" + StringLiteral(o.Comment);

    protected override bool InlineComments => true;

    protected override IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) =>
        [$"ALTER TABLE {Qualify(table, schema)} COMMENT = {StringLiteral(comment ?? "")}"];

    protected override IReadOnlyList<SqlStatement> Generate(RenameTableOperation o) =>
        [$"RENAME TABLE {Qualify(o.Table, o.Schema)} TO {Qualify(o.NewName, o.Schema)}"];

    /// <summary>Default-only changes use ALTER COLUMN; everything else restates the column with CHANGE/MODIFY.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        RequireNoDefinition(o);
        var table = Qualify(o.Table, o.Schema);
        var onlyDefault = o.ChangeServerDefault && o.Type is null && o.Nullable is null && o.NewName is null && !o.ChangeComment;
        if (onlyDefault)
            return [o.ServerDefault is null
                ? $"ALTER TABLE {table} ALTER COLUMN {QuoteIdentifier(o.Column)} DROP DEFAULT"
                : $"ALTER TABLE {table} ALTER COLUMN {QuoteIdentifier(o.Column)} SET DEFAULT {o.ServerDefault}"];
        var type = o.Type ?? o.ExistingType
                   ?? throw new RetortException($"MySQL restates the whole column to alter {o.Table}.{o.Column}: give existingType (and existingNullable, existingServerDefault) to AlterColumn.");
        var sb = new StringBuilder();
        sb.Append(TypeToSql(type));
        sb.Append((o.Nullable ?? o.ExistingNullable ?? true) ? " NULL" : " NOT NULL");
        var serverDefault = o.ChangeServerDefault ? o.ServerDefault : o.ExistingServerDefault;
        if (serverDefault is not null) sb.Append(" DEFAULT ").Append(serverDefault);
        if (o.ExistingAutoincrement) sb.Append(" AUTO_INCREMENT");
        var comment = o.ChangeComment ? o.Comment : o.ExistingComment;
        if (comment is not null) sb.Append(" COMMENT ").Append(StringLiteral(comment));
        return [o.NewName is null
            ? $"ALTER TABLE {table} MODIFY {QuoteIdentifier(o.Column)} {sb}"
            : $"ALTER TABLE {table} CHANGE {QuoteIdentifier(o.Column)} {QuoteIdentifier(o.NewName)} {sb}"];
    }

    protected override IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o)
    {
        if (o.Where is not null) throw new NotSupportedException($"MySQL has no partial indexes (index {o.Name} WHERE {o.Where}).");
        return base.Generate(o with { Concurrently = false });
    }

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) =>
        [$"DROP INDEX {QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(DropConstraintOperation o) => o.Kind switch
    {
        ConstraintKind.PrimaryKey => [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP PRIMARY KEY"],
        ConstraintKind.Unique => [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP INDEX {QuoteIdentifier(o.Name)}"],
        // MariaDB creates an index named after a new foreign key and keeps it when the key goes; drop it too so
        // that adding and dropping a key leaves the table as it was (DROP INDEX IF EXISTS is MariaDB syntax).
        ConstraintKind.ForeignKey =>
        [
            $"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP FOREIGN KEY {QuoteIdentifier(o.Name)}",
            $"DROP INDEX IF EXISTS {QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}",
        ],
        _ => base.Generate(o),
    };

}
