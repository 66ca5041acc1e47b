using System.Text;
using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite's CREATE TABLE. SQLite keeps the text as written, so the table is written the way its definition says:
/// constraints marked column-level in their column's definition, unnamed ones (an empty name) without CONSTRAINT,
/// a primary key column's NOT NULL only when stated, AUTOINCREMENT on the inline key, WITHOUT ROWID and STRICT.
/// </summary>
public partial class SqliteDialect
{
    protected override IReadOnlyList<SqlStatement> Generate(CreateTableOperation o)
    {
        if (o.Partitions.Count > 0)
            throw new NotSupportedException($"The {Name} provider has no partitions (table {o.Name}, partition {o.Partitions[0].Name}).");
        var statements = new List<SqlStatement> { $"{CreateTableWords(o)} {Qualify(o.Name, o.Schema)} (\n    {string.Join(",\n    ", Body(o))}\n){TableOptions(o)}" };
        foreach (var index in o.Indexes) statements.AddRange(Generate(CreateIndexOperation.From(index, o.Name, o.Schema) with { IfNotExists = o.IfNotExists }));
        return statements;
    }

    /// <summary>Outside CREATE TABLE (ADD COLUMN, a rebuild's new column): only the column's own clauses, and
    /// AUTOINCREMENT's inline key.</summary>
    protected internal override string ColumnDefinition(string table, Column column) =>
        Column(column, column.PrimaryKey && column.Autoincrement ? new PrimaryKey(column.Name) { ColumnLevel = true } : null, [], [], []);

    private List<string> Body(CreateTableOperation o)
    {
        var pk = o.PrimaryKey;
        var flagged = o.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray();
        if (pk is null && flagged.Length > 0) pk = new PrimaryKey(flagged);
        // AUTOINCREMENT exists only on a column's own INTEGER PRIMARY KEY.
        var inlinePk = pk is { Columns.Length: 1 } && (pk.ColumnLevel || o.Columns.Any(c => Same(c.Name, pk.Columns[0]) && c.Autoincrement)) ? pk : null;

        var parts = new List<string>();
        foreach (var c in o.Columns)
        {
            parts.Add(Column(c,
                inlinePk is not null && Same(inlinePk.Columns[0], c.Name) ? inlinePk : null,
                o.UniqueConstraints.Where(u => u.ColumnLevel && u.Columns.Length == 1 && Same(u.Columns[0], c.Name)),
                o.CheckConstraints.Where(k => k.Column is { } col && Same(col, c.Name)),
                o.ForeignKeys.Where(f => f.ColumnLevel && f.Columns.Length == 1 && Same(f.Columns[0], c.Name))));
        }
        if (pk is not null && inlinePk is null)
            parts.Add($"{ConstraintName(pk.Name, () => Naming.PrimaryKey(o.Name))}PRIMARY KEY ({KeyColumns(pk)}){OnConflict(pk.OnConflict)}");
        foreach (var u in o.UniqueConstraints.Where(u => !(u.ColumnLevel && u.Columns.Length == 1)))
            parts.Add($"{ConstraintName(u.Name, () => Naming.Unique(o.Name, u.Columns))}UNIQUE ({Columns(u.Columns)}){OnConflict(u.OnConflict)}");
        var checkIndex = 0;
        foreach (var k in o.CheckConstraints)
        {
            checkIndex++;
            if (k.Column is null) parts.Add($"{ConstraintName(k.Name, () => Naming.Check(o.Name, checkIndex))}CHECK ({k.Sql})");
        }
        foreach (var c in o.Columns.Where(c => c.Type.Kind == SqlTypeKind.Enum))
            parts.Add($"CONSTRAINT {QuoteIdentifier(Naming.Check(o.Name, c.Name))} CHECK ({EnumCheck(c)})");
        foreach (var f in o.ForeignKeys.Where(f => !(f.ColumnLevel && f.Columns.Length == 1)))
            parts.Add(ForeignKeyClause(o.Name, f));
        return parts;
    }

    private string Column(Column column, PrimaryKey? inlinePk, IEnumerable<UniqueConstraint> uniques, IEnumerable<CheckConstraint> checks, IEnumerable<ForeignKey> foreignKeys)
    {
        var sb = new StringBuilder(QuoteIdentifier(column.Name));
        var type = TypeToSql(column.Type);
        if (type.Length > 0) sb.Append(' ').Append(type); // SQLite allows a column without a declared type
        if (column.Collation is not null) sb.Append(" COLLATE ").Append(QuoteIdentifier(column.Collation));
        if (column.Computed is { } computed) sb.Append(ComputedClause(computed));
        if (column.ServerDefault is not null) sb.Append(" DEFAULT ").Append(Default(column.ServerDefault));
        if (!column.Nullable || column.PrimaryKey) sb.Append(" NOT NULL").Append(OnConflict(column.NotNullOnConflict));
        if (inlinePk is not null)
        {
            sb.Append(' ').Append(ConstraintName(Naming.Given(inlinePk.Name) is null ? "" : inlinePk.Name, () => "")).Append("PRIMARY KEY");
            if (inlinePk.Descending.Length > 0) sb.Append(" DESC");
            sb.Append(OnConflict(inlinePk.OnConflict));
            if (column.Autoincrement) sb.Append(" AUTOINCREMENT");
        }
        foreach (var u in uniques) sb.Append(' ').Append(ConstraintName(u.Name ?? "", () => "")).Append("UNIQUE").Append(OnConflict(u.OnConflict));
        foreach (var k in checks) sb.Append(' ').Append(ConstraintName(k.Name ?? "", () => "")).Append($"CHECK ({k.Sql})");
        foreach (var f in foreignKeys) sb.Append(' ').Append(ConstraintName(f.Name ?? "", () => "")).Append(References(f));
        return sb.ToString();
    }

    /// <summary>SQLite takes a literal, a signed number, NULL, CURRENT_* or TRUE/FALSE bare; any other expression
    /// must be in parentheses.</summary>
    internal static string Default(string sql)
    {
        var s = sql.Trim();
        if (BareDefault().IsMatch(s)) return s;
        if (s.ToUpperInvariant() is "NULL" or "TRUE" or "FALSE" or "CURRENT_TIME" or "CURRENT_DATE" or "CURRENT_TIMESTAMP") return s;
        return "(" + s + ")";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\(.*\)|[xX]?'([^']|'')*'|[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|0[xX][0-9a-fA-F]+)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BareDefault();

    protected internal override string ForeignKeyClause(string table, ForeignKey fk) =>
        $"{ConstraintName(fk.Name, () => Naming.ForeignKey(table, fk.Columns, fk.ReferencedTable))}FOREIGN KEY ({Columns(fk.Columns)}) {References(fk)}";

    /// <summary>REFERENCES with the target's columns (none: its primary key), the actions written, DEFERRABLE.</summary>
    private string References(ForeignKey fk)
    {
        var sql = $"REFERENCES {Qualify(fk.ReferencedTable, fk.ReferencedSchema)}";
        if (fk.ReferencedColumns.Length > 0) sql += $" ({Columns(fk.ReferencedColumns)})";
        if (fk.Match is { } match) sql += " MATCH " + match;
        if (fk.OnDelete is { } d) sql += " ON DELETE " + Action(d);
        if (fk.OnUpdate is { } u) sql += " ON UPDATE " + Action(u);
        // DEFERRABLE alone is immediate, as is INITIALLY IMMEDIATE: the text is kept as written.
        if (fk.Deferrable) sql += " DEFERRABLE" + (fk.InitiallyDeferred ? " INITIALLY DEFERRED" : fk.InitiallyImmediate ? " INITIALLY IMMEDIATE" : "");
        return sql;
    }

    /// <summary>A key's or NOT NULL's conflict resolution (ROLLBACK, ABORT, FAIL, IGNORE, REPLACE), as written.</summary>
    private static string OnConflict(string? resolution) => resolution switch
    {
        null => "",
        _ when resolution.ToUpperInvariant() is "ROLLBACK" or "ABORT" or "FAIL" or "IGNORE" or "REPLACE" => " ON CONFLICT " + resolution.ToUpperInvariant(),
        _ => throw new NotSupportedException($"SQLite has no ON CONFLICT {resolution}."),
    };

    private string KeyColumns(PrimaryKey pk) => string.Join(", ", pk.Columns.Select(c =>
        QuoteIdentifier(c) + (pk.Descending.Contains(c, StringComparer.OrdinalIgnoreCase) ? " DESC" : "")));

    /// <summary>SQLite takes any expression as an index key part, and keeps the text as written: no parentheses added.</summary>
    protected override string IndexKeys(CreateIndexOperation o)
    {
        if (o.Elements is null) return base.IndexKeys(o);
        return string.Join(", ", o.Elements.Select(e =>
        {
            if (e.PrefixLength is not null || e.OperatorClass is not null || e.Nulls != NullsOrder.Default)
                throw new NotSupportedException($"SQLite has no index prefix lengths, operator classes or NULLS FIRST/LAST (index {o.Name}).");
            var sb = new StringBuilder(e.IsExpression ? e.Text : QuoteIdentifier(e.Text));
            if (e.Collation is not null) sb.Append(" COLLATE ").Append(QuoteIdentifier(e.Collation));
            if (e.Descending) sb.Append(" DESC");
            return sb.ToString();
        }));
    }

    /// <summary><c>sqlite.without_rowid</c> and <c>sqlite.strict</c> table options.</summary>
    private static string TableOptions(CreateTableOperation o)
    {
        var options = new List<string>();
        if (IsTrue(o.ProviderOptions.Get("sqlite", "without_rowid"))) options.Add("WITHOUT ROWID");
        if (IsTrue(o.ProviderOptions.Get("sqlite", "strict"))) options.Add("STRICT");
        return options.Count == 0 ? "" : " " + string.Join(", ", options);
    }

    internal static bool IsTrue(string? v) => v is not null && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("yes", StringComparison.OrdinalIgnoreCase));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
