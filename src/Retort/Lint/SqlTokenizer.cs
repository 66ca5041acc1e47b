using Retort.Dialects;

namespace Retort.Lint;

/// <summary>
/// Splits raw SQL (op.Execute) into statements of tokens with the dialect's <see cref="SqlLexicon"/>: comments are
/// dropped, strings, quoted identifiers and dollar quotes are single tokens, and MySQL's <c>/*! … */</c> is read as
/// code. Uses the same quote and comment scanning as <see cref="SqlPlaceholders"/>.
/// </summary>
public static class SqlTokenizer
{
    public static IReadOnlyList<IReadOnlyList<SqlToken>> Statements(string sql, SqlLexicon lexicon)
    {
        var statements = new List<IReadOnlyList<SqlToken>>();
        var current = new List<SqlToken>();
        foreach (var token in Tokens(sql, lexicon))
        {
            if (token.IsSymbol(';'))
            {
                if (current.Count > 0) statements.Add(current);
                current = [];
            }
            else current.Add(token);
        }
        if (current.Count > 0) statements.Add(current);
        return statements;
    }

    public static IEnumerable<SqlToken> Tokens(string sql, SqlLexicon lexicon)
    {
        var i = 0;
        var n = sql.Length;
        while (i < n)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if ((c == '-' && i + 1 < n && sql[i + 1] == '-' && (!lexicon.DashCommentNeedsSpace || i + 2 >= n || char.IsWhiteSpace(sql[i + 2])))
                || (c == '#' && lexicon.HashComments))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql[i + 1] == '*')
            {
                if (lexicon.ExecutableComments && i + 2 < n && sql[i + 2] == '!')
                {
                    // /*!50001 … */ is code MySQL runs: skip the marker and its version number, read the inside.
                    i += 3;
                    while (i < n && char.IsDigit(sql[i])) i++;
                    continue;
                }
                i = SqlPlaceholders.EndOfBlockComment(sql, i, lexicon.NestedBlockComments);
                continue;
            }
            if (c == '*' && lexicon.ExecutableComments && i + 1 < n && sql[i + 1] == '/') { i += 2; continue; }
            var start = i;
            if (lexicon.StringQuotes.Contains(c))
            {
                var backslash = lexicon.BackslashEscapes || (lexicon.EscapeStringPrefix && SqlPlaceholders.IsEscapeStringPrefix(sql, i));
                i = SqlPlaceholders.EndOfQuoted(sql, i, c, backslash);
                yield return new SqlToken(SqlTokenKind.String, sql[start..i], sql[start..i]);
                continue;
            }
            var pair = lexicon.IdentifierQuotePairs.IndexOf(c);
            if (pair >= 0 && pair % 2 == 0)
            {
                var close = lexicon.IdentifierQuotePairs[pair + 1];
                i = SqlPlaceholders.EndOfQuoted(sql, i, close, backslash: false);
                var inner = sql[(start + 1)..Math.Max(start + 1, i - 1)].Replace(new string(close, 2), close.ToString());
                yield return new SqlToken(SqlTokenKind.QuotedIdentifier, inner, sql[start..i]);
                continue;
            }
            if (c == '$' && lexicon.DollarQuotes && SqlPlaceholders.DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? n : end + tag.Length;
                yield return new SqlToken(SqlTokenKind.String, sql[start..i], sql[start..i]);
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < n && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                yield return new SqlToken(SqlTokenKind.Word, sql[start..i], sql[start..i]);
                continue;
            }
            if (char.IsDigit(c))
            {
                while (i < n && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
                yield return new SqlToken(SqlTokenKind.Number, sql[start..i], sql[start..i]);
                continue;
            }
            i++;
            yield return new SqlToken(SqlTokenKind.Symbol, c.ToString(), c.ToString());
        }
    }
}
