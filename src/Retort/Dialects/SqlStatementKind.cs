namespace Retort.Dialects;

/// <summary>What kind of statement a piece of SQL is, as far as transactions are concerned.</summary>
public static class SqlStatementKind
{
    /// <summary>Statements that only read or change rows: they stay inside a transaction on every database.</summary>
    private static readonly HashSet<string> RowStatements = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT", "WITH", "VALUES", "TABLE", "DO", "MERGE", "UPSERT",
    };

    /// <summary>
    /// The first word of <paramref name="sql"/> after comments and whitespace, upper-cased; "" when there is none.
    /// </summary>
    public static string FirstKeyword(string sql, SqlLexicon lexicon)
    {
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c) || c == '(') { i++; continue; }
            if ((c == '-' && i + 1 < sql.Length && sql[i + 1] == '-') || (c == '#' && lexicon.HashComments))
            {
                var nl = sql.IndexOf('\n', i);
                if (nl < 0) return "";
                i = nl + 1;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var depth = 1;
                i += 2;
                while (i < sql.Length && depth > 0)
                {
                    if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/') { depth--; i += 2; }
                    else if (lexicon.NestedBlockComments && sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*') { depth++; i += 2; }
                    else i++;
                }
                continue;
            }
            var start = i;
            while (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_')) i++;
            return sql[start..i].ToUpperInvariant();
        }
        return "";
    }

    /// <summary>
    /// Whether the statement only reads or writes rows (INSERT, UPDATE, DELETE, REPLACE, SELECT, WITH, DO …), so
    /// that it stays in the surrounding transaction even on a database without transactional DDL. Anything else -
    /// DDL, GRANT, SET, CALL, LOCK - is taken to end the transaction (MySQL commits implicitly before most of them).
    /// </summary>
    public static bool IsRowStatement(string sql, SqlLexicon lexicon) => RowStatements.Contains(FirstKeyword(sql, lexicon));
}
