namespace Retort.Dialects.Postgres;

/// <summary>The names and ranges PostgreSQL picks by itself, which the reflector leaves out and the SQL relies on.</summary>
internal static class PostgresNames
{
    /// <summary>The sequence a serial or identity column gets when none is named: <c>table_column_seq</c>.</summary>
    public static string Sequence(string table, string column) => $"{table}_{column}_seq";

    /// <summary>A nextval default as pg_get_expr prints it.</summary>
    public static string NextVal(string sequence) => $"nextval('{QuoteIdent(sequence).Replace("'", "''")}'::regclass)";

    /// <summary>quote_ident: a plain lower-case name as is, anything else in double quotes.</summary>
    public static string QuoteIdent(string name) =>
        name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_') && name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_' || ch == '$')
            ? name
            : "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>The value range of a sequence's type (bigint when not smallint or integer).</summary>
    public static (long Min, long Max) Range(string dataType) => dataType switch
    {
        "smallint" => (short.MinValue, short.MaxValue),
        "integer" => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };
}
