using Retort.Schema;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite keeps a column's declared type as written, and its behaviour follows the text (an <c>INT PRIMARY KEY</c> is
/// not a rowid alias, <c>INTEGER PRIMARY KEY</c> is): a declared type is read back as a portable type only when SQLite's
/// dialect writes that type with exactly the same text, otherwise as <see cref="SqlType.Custom(string)"/> with the
/// text.
/// </summary>
public class SqliteTypeMapping : TypeMapping
{
    public override SqlType FromDatabase(string raw)
    {
        var portable = base.FromDatabase(raw);
        return portable.Kind != SqlTypeKind.Custom && SqliteDialect.Spelling(portable) == raw ? portable : SqlType.Custom(raw);
    }

    public override string Canonical(string typeSql)
    {
        var t = base.Canonical(typeSql);
        return t == "int" ? "integer" : t;
    }

    /// <summary>
    /// A model that states declared text (<see cref="SqlType.Custom(string)"/>) wants that text: only letter case and
    /// spacing may differ. A portable type accepts the synonyms of its affinity (INT for Integer()), except where
    /// the difference changes what the column is: on a table's only key column, INTEGER makes a rowid alias and
    /// INT an ordinary key.
    /// </summary>
    public override bool SameType(SqlType model, string modelSql, string liveSql, TableSchema table, string column)
    {
        if (model.Kind == SqlTypeKind.Custom) return base.Canonical(modelSql) == base.Canonical(liveSql);
        return Canonical(modelSql) == Canonical(liveSql)
            && (!MayBeRowIdAlias(table, column) || IsRowIdType(modelSql) == IsRowIdType(liveSql));
    }

    /// <summary>SQLite makes a column an alias of the rowid when it is declared exactly INTEGER (any case).</summary>
    internal static bool IsRowIdType(string declared) => string.Equals(declared.Trim(), "INTEGER", StringComparison.OrdinalIgnoreCase);

    /// <summary>The table's only primary-key column, in a table with a rowid.</summary>
    private static bool MayBeRowIdAlias(TableSchema table, string column)
    {
        // INTEGER PRIMARY KEY DESC is no alias either (SQLite keeps that quirk for compatibility).
        if (SqliteDialect.IsTrue(table.ProviderOptions.Get("sqlite", "without_rowid")) || table.PrimaryKey?.Descending.Length > 0) return false;
        var key = table.PrimaryKey?.Columns ?? table.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray();
        return key.Length == 1 && string.Equals(key[0], column, StringComparison.OrdinalIgnoreCase);
    }
}
