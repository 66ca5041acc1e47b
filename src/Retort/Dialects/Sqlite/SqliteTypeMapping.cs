namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite keeps a column's declared type as written, and its behaviour follows the text (an <c>INT PRIMARY KEY</c> is
/// not a rowid alias, <c>INTEGER PRIMARY KEY</c> is): a declared type is read back as a portable type only when SQLite's
/// dialect writes that type with exactly the same text, otherwise as <see cref="SqlType.Custom(string)"/> with the
/// text. INT and INTEGER still compare equal, so a model saying Integer() accepts either.
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
}
