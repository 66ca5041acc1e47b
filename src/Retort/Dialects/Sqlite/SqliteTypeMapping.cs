namespace Retort.Dialects.Sqlite;

/// <summary>SQLite keeps the declared type text; INT and INTEGER compare equal.</summary>
public class SqliteTypeMapping : TypeMapping
{
    public override string Canonical(string typeSql)
    {
        var t = base.Canonical(typeSql);
        return t == "int" ? "integer" : t;
    }
}
