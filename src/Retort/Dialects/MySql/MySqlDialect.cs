using System.Data.Common;
using System.Text;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>MySQL and MariaDB: no transactional DDL, CHANGE/MODIFY restate the whole column.</summary>
public partial class MySqlDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override SqlLexicon Lexicon => SqlLexicon.MySql;

    public override string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    public override string? LockTimeoutSetting => "lock_wait_timeout";

    /// <summary>The metadata-lock wait of the session, in whole seconds (the server's unit; at least 1).</summary>
    public override IReadOnlyList<SqlStatement> LockTimeout(TimeSpan timeout, bool inTransaction) =>
        [$"SET SESSION lock_wait_timeout = {Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)}"];

    public override string StringLiteral(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT" + Unsigned(type),
        SqlTypeKind.Integer => "INTEGER" + Unsigned(type),
        SqlTypeKind.BigInt => "BIGINT" + Unsigned(type),
        SqlTypeKind.String => $"VARCHAR({type.Length ?? 255})",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOL",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})" + Unsigned(type),
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

    private static string Unsigned(SqlType type) => type.Unsigned ? " UNSIGNED" : "";

    protected override string IdentityClause(string table, Column column) => " AUTO_INCREMENT";

    protected override string InlineColumnComment(Column column) => column.Comment is null ? "" : " COMMENT " + StringLiteral(column.Comment);

    /// <summary>ENGINE, DEFAULT CHARSET, COLLATE, COMMENT and any other CREATE options (ROW_FORMAT …), as reflected.</summary>
    protected override string TableSuffix(CreateTableOperation o)
    {
        var sb = new StringBuilder();
        if (o.ProviderOptions.Get(Name, "engine") is { } engine) sb.Append(" ENGINE=").Append(engine);
        if (o.ProviderOptions.Get(Name, "charset") is { } charset) sb.Append(" DEFAULT CHARSET=").Append(charset);
        if (o.ProviderOptions.Get(Name, "collation") is { } collation) sb.Append(" COLLATE=").Append(collation);
        if (o.Comment is not null) sb.Append(" COMMENT=").Append(StringLiteral(o.Comment));
        if (o.ProviderOptions.Get(Name, "options") is { Length: > 0 } options) sb.Append(' ').Append(options);
        if (o.PartitionBy is not null) sb.Append("\n").Append(PartitionClause(o.PartitionBy, o.Partitions));
        return sb.ToString();
    }

    /// <summary>
    /// One CREATE TABLE with the indexes inline, before the foreign keys: MariaDB then uses them for the keys instead
    /// of creating an index of its own per key, and lists them in the same order as the original table.
    /// </summary>
    protected override IReadOnlyList<SqlStatement> Generate(CreateTableOperation o)
    {
        // A check named after a column is MariaDB's column-level CHECK (it names them so): written on the column.
        var columnChecks = o.CheckConstraints.Where(c => c.Name is not null && o.Columns.Any(col => col.Name == c.Name)).ToList();
        var parts = TableBody(o with { ForeignKeys = [], CheckConstraints = o.CheckConstraints.Except(columnChecks).ToList() }).ToList();
        for (var i = 0; i < o.Columns.Count; i++) // TableBody starts with the columns, in order
            foreach (var check in columnChecks.Where(c => c.Name == o.Columns[i].Name))
                parts[i] += $" CHECK ({check.Sql})";
        parts.AddRange(o.Indexes.Select(i => IndexClause(CreateIndexOperation.From(i, o.Name, o.Schema))));
        parts.AddRange(o.ForeignKeys.Select(fk => ForeignKeyClause(o.Name, fk)));
        return [$"{CreateTableWords(o)} {Qualify(o.Name, o.Schema)} (\n    {string.Join(",\n    ", parts)}\n){TableSuffix(o)}"];
    }

    /// <summary>
    /// MariaDB's column definition: type, CHARACTER SET / COLLATE, generated expression, NOT NULL (or a TIMESTAMP's
    /// explicit NULL), DEFAULT, ON UPDATE, AUTO_INCREMENT, COMMENT.
    /// </summary>
    protected internal override string ColumnDefinition(string table, Column column)
    {
        var sb = new StringBuilder();
        sb.Append(QuoteIdentifier(column.Name)).Append(' ').Append(TypeToSql(column.Type));
        sb.Append(CharsetClause(column.Type, column.Charset, column.Collation));
        if (column.Computed is { } computed) sb.Append(ComputedClause(computed));
        else if (!column.Nullable || column.PrimaryKey) sb.Append(" NOT NULL");
        // Without explicit_defaults_for_timestamp (MySQL 5.x, older MariaDB) a TIMESTAMP column is NOT NULL unless it
        // says NULL; other columns are left unsaid (a primary-key column may not say NULL).
        else if (TypeToSql(column.Type).StartsWith("TIMESTAMP", StringComparison.OrdinalIgnoreCase)) sb.Append(" NULL");
        if (column.ServerDefault is not null && column.Computed is null) sb.Append(" DEFAULT ").Append(column.ServerDefault);
        if (column.OnUpdate is not null) sb.Append(" ON UPDATE ").Append(column.OnUpdate);
        if (column.Autoincrement || column.Identity is not null) sb.Append(" AUTO_INCREMENT");
        sb.Append(InlineColumnComment(column));
        return sb.ToString();
    }

    /// <summary>CHARACTER SET and COLLATE of a text column; a JSON column's utf8mb4_bin is MariaDB's own and not restated.</summary>
    private static string CharsetClause(SqlType type, string? charset, string? collation)
    {
        if (type.Kind == SqlTypeKind.Json) return "";
        var sb = new StringBuilder();
        if (charset is not null) sb.Append(" CHARACTER SET ").Append(charset);
        if (collation is not null) sb.Append(" COLLATE ").Append(collation);
        return sb.ToString();
    }

    protected override string ComputedClause(ComputedColumn computed) =>
        $" GENERATED ALWAYS AS ({computed.Sql}) {(computed.Stored ? "STORED" : "VIRTUAL")}";

    /// <summary>Table options changed in place: ENGINE, the default character set and collation, other options.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(SetTableOptionsOperation o)
    {
        var parts = new List<string>();
        foreach (var (key, value) in o.Options)
        {
            var option = key.StartsWith(Name + ".", StringComparison.Ordinal) ? key[(Name.Length + 1)..] : null;
            switch (option)
            {
                case "engine": parts.Add("ENGINE=" + value); break;
                case "charset": parts.Add("DEFAULT CHARSET=" + value); break;
                case "collation": parts.Add("COLLATE=" + value); break;
                case "options": if (value.Length > 0) parts.Add(value); break;
            }
        }
        return parts.Count == 0 ? [] : [$"ALTER TABLE {Qualify(o.Table, o.Schema)} {string.Join(" ", parts)}"];
    }

    protected override bool InlineComments => true;

    protected override IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) =>
        [$"ALTER TABLE {Qualify(table, schema)} COMMENT = {StringLiteral(comment ?? "")}"];

    protected override IReadOnlyList<SqlStatement> Generate(RenameTableOperation o) =>
        [$"RENAME TABLE {Qualify(o.Table, o.Schema)} TO {Qualify(o.NewName, o.Schema)}"];

    /// <summary>Default-only changes use ALTER COLUMN; everything else restates the column with CHANGE/MODIFY.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        var table = Qualify(o.Table, o.Schema);
        // A change with no field of its own (collation, charset, ON UPDATE, generated expression …): restate the column.
        if (o.Definition is { } definition)
            return [$"ALTER TABLE {table} MODIFY {ColumnDefinition(o.Table, definition)}"];
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
        if (o.Include.Count > 0) throw new NotSupportedException($"MySQL has no INCLUDE columns (index {o.Name}).");
        return [$"CREATE {KindWord(o)}INDEX {IfNotExists(o.IfNotExists)}{QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)} ({IndexKeys(o)}){Using(o)}{IndexComment(o)}"];
    }

    /// <summary>The index as a key clause of CREATE TABLE: <c>UNIQUE KEY `name` (`a`(10), `b` DESC) USING HASH</c>.</summary>
    private string IndexClause(CreateIndexOperation o)
    {
        if (o.Where is not null) throw new NotSupportedException($"MySQL has no partial indexes (index {o.Name} WHERE {o.Where}).");
        if (o.Include.Count > 0) throw new NotSupportedException($"MySQL has no INCLUDE columns (index {o.Name}).");
        return $"{KindWord(o)}KEY {QuoteIdentifier(o.Name)} ({IndexKeys(o)}){Using(o)}{IndexComment(o)}";
    }

    private static string KindWord(CreateIndexOperation o) => o.Kind switch
    {
        IndexKind.FullText => "FULLTEXT ",
        IndexKind.Spatial => "SPATIAL ",
        _ => o.Unique ? "UNIQUE " : "",
    };

    private string IndexComment(CreateIndexOperation o) => o.Comment is null ? "" : " COMMENT " + StringLiteral(o.Comment);

    private static string Using(CreateIndexOperation o) => o.Method is null || o.Kind != IndexKind.Default ? "" : " USING " + o.Method.ToUpperInvariant();

    /// <summary>Key parts with MySQL's prefix lengths and order; an expression part in parentheses.</summary>
    protected override string IndexKeys(CreateIndexOperation o)
    {
        if (o.Elements is null) return Columns(o.Columns);
        return string.Join(", ", o.Elements.Select(e =>
        {
            var sb = new StringBuilder(e.IsExpression ? "(" + e.Text + ")" : QuoteIdentifier(e.Text));
            if (e.PrefixLength is { } n) sb.Append('(').Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
            if (e.Descending) sb.Append(" DESC");
            return sb.ToString();
        }));
    }

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) =>
        [$"DROP INDEX {IfExists(o.IfExists)}{QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}"];

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
