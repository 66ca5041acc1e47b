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

    /// <summary>
    /// SQLite stores a value by the column's type affinity, which the declared text decides
    /// (https://sqlite.org/datatype3.html#determination_of_column_affinity): VARCHAR(200) and TEXT both keep text as
    /// text, BOOLEAN (NUMERIC) and INTEGER keep integers (the two affinities differ only in CAST). Text that is never a
    /// numeric literal (a date, a GUID) stays text under NUMERIC affinity too, so a DATETIME column stores EF Core's
    /// dates as its TEXT column does. A STRICT table checks declared types instead: there the text is compared. The rowid
    /// alias still needs exactly INTEGER.
    /// </summary>
    public override bool? StoresAlike(ValueStorage values, string modelSql, string liveSql, TableSchema modelTable, TableSchema liveTable, string column)
    {
        if (SqliteDialect.IsTrue(liveTable.ProviderOptions.Get("sqlite", "strict"))) return null;
        if (MayBeRowIdAlias(modelTable, column) && IsRowIdType(modelSql) != IsRowIdType(liveSql)) return false;
        var affinity = Affinity(liveSql);
        return values switch
        {
            ValueStorage.Integer => affinity is SqliteAffinity.Integer or SqliteAffinity.Numeric,
            ValueStorage.Real => affinity is SqliteAffinity.Real,
            ValueStorage.Text => affinity is SqliteAffinity.Text,
            ValueStorage.NonNumericText => affinity is SqliteAffinity.Text or SqliteAffinity.Numeric,
            _ => affinity is SqliteAffinity.Blob,
        };
    }

    /// <summary>SQLite's five rules, in their order.</summary>
    internal static SqliteAffinity Affinity(string declared)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return SqliteAffinity.Integer;
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return SqliteAffinity.Text;
        if (t.Contains("BLOB", StringComparison.Ordinal) || t.Trim().Length == 0) return SqliteAffinity.Blob;
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return SqliteAffinity.Real;
        return SqliteAffinity.Numeric;
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

internal enum SqliteAffinity { Integer, Text, Blob, Real, Numeric }
