using System.Text;

namespace Retort.Dialects;

/// <summary>
/// The one placeholder scanner of Retort, used for live binding and for offline scripts alike: finds the <c>?</c>
/// placeholders of a statement outside string literals, quoted identifiers, comments and dollar quotes.
/// </summary>
public static class SqlPlaceholders
{
    /// <summary>Positions of the <c>?</c> placeholders in <paramref name="sql"/>, in order.</summary>
    public static IReadOnlyList<int> Find(string sql, SqlLexicon lexicon)
    {
        var found = new List<int>();
        Scan(sql, lexicon, found);
        return found;
    }

    /// <summary>
    /// Whether <paramref name="sql"/> ends inside a <c>--</c> or <c>#</c> comment (no newline after it): a ';'
    /// appended on the same line would be part of the comment, so a script must put it on the next line.
    /// </summary>
    public static bool EndsInLineComment(string sql, SqlLexicon lexicon) =>
        // Without "--" or '#' there is no line comment, and no need to walk the statement (an offline script of
        // 5000 revisions asks this 15,000 times).
        (sql.Contains("--", StringComparison.Ordinal) || (lexicon.HashComments && sql.Contains('#'))) && Scan(sql, lexicon, null);

    /// <summary>Walks <paramref name="sql"/>, collecting placeholders; true when it ends inside a line comment.</summary>
    private static bool Scan(string sql, SqlLexicon lexicon, List<int>? found)
    {
        var i = 0;
        var n = sql.Length;
        while (i < n)
        {
            var c = sql[i];
            if (c == '?') { found?.Add(i); i++; continue; }
            if ((c == '-' && i + 1 < n && sql[i + 1] == '-' && (!lexicon.DashCommentNeedsSpace || i + 2 >= n || char.IsWhiteSpace(sql[i + 2]) || char.IsControl(sql[i + 2])))
                || (c == '#' && lexicon.HashComments))
            {
                var end = sql.IndexOf('\n', i);
                if (end < 0) return true;
                i = end + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql[i + 1] == '*')
            {
                if (lexicon.ExecutableComments && i + 2 < n && (sql[i + 2] == '!' || (sql[i + 2] == 'M' && i + 3 < n && sql[i + 3] == '!')))
                {
                    // MySQL runs the inside of /*! … */: scan it as code; the closing */ is skipped below.
                    i += sql[i + 2] == '!' ? 3 : 4;
                    continue;
                }
                i = EndOfBlockComment(sql, i, lexicon.NestedBlockComments);
                continue;
            }
            if (c == '*' && lexicon.ExecutableComments && i + 1 < n && sql[i + 1] == '/') { i += 2; continue; }
            if (lexicon.StringQuotes.Contains(c))
            {
                var backslash = lexicon.BackslashEscapes || (lexicon.EscapeStringPrefix && IsEscapeStringPrefix(sql, i));
                i = EndOfQuoted(sql, i, c, backslash);
                continue;
            }
            var pair = lexicon.IdentifierQuotePairs.IndexOf(c);
            if (pair >= 0 && pair % 2 == 0)
            {
                i = EndOfQuoted(sql, i, lexicon.IdentifierQuotePairs[pair + 1], backslash: false);
                continue;
            }
            if (c == '$' && lexicon.DollarQuotes && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? n : end + tag.Length;
                continue;
            }
            i++;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="sql"/> with its i-th placeholder replaced by <paramref name="replacement"/>(i). The number of
    /// placeholders must equal <paramref name="argumentCount"/>: a mismatch throws rather than binding values to the
    /// wrong columns or ignoring some.
    /// </summary>
    public static string Replace(string sql, SqlLexicon lexicon, int argumentCount, Func<int, string> replacement)
    {
        var positions = Find(sql, lexicon);
        if (positions.Count != argumentCount) throw new PlaceholderCountException(positions.Count, argumentCount);
        var sb = new StringBuilder(sql.Length + positions.Count * 8);
        var last = 0;
        for (var k = 0; k < positions.Count; k++)
        {
            sb.Append(sql, last, positions[k] - last).Append(replacement(k));
            last = positions[k] + 1;
        }
        return sb.Append(sql, last, sql.Length - last).ToString();
    }

    internal static int EndOfBlockComment(string sql, int i, bool nested)
    {
        var depth = 1;
        i += 2;
        while (i < sql.Length)
        {
            if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0) return i;
            }
            else if (nested && sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*') { depth++; i += 2; }
            else i++;
        }
        return i;
    }

    /// <summary>Past the closing quote; a doubled closing quote (and, with backslashes, \x) stays inside.</summary>
    internal static int EndOfQuoted(string sql, int i, char close, bool backslash)
    {
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslash && c == '\\') { i += 2; continue; }
            if (c == close)
            {
                if (i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /// <summary>E'…' (or e'…') where the E is not the end of a longer word.</summary>
    internal static bool IsEscapeStringPrefix(string sql, int quote) =>
        quote >= 1 && (sql[quote - 1] is 'E' or 'e') && (quote == 1 || !IsWordChar(sql[quote - 2]));

    /// <summary>The dollar-quote delimiter starting at <paramref name="i"/> ($$ or $tag$), or null for $1 and the like.</summary>
    internal static string? DollarTag(string sql, int i)
    {
        if (i > 0 && IsWordChar(sql[i - 1])) return null; // part of an identifier such as a$b
        var j = i + 1;
        if (j < sql.Length && (char.IsLetter(sql[j]) || sql[j] == '_'))
            while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_')) j++;
        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}

/// <summary>A statement's <c>?</c> placeholders and its arguments do not pair up.</summary>
public sealed class PlaceholderCountException(int placeholders, int arguments)
    : RetortException($"the statement has {Count(placeholders, "placeholder")} (?) outside strings and comments but {Count(arguments, "argument")} {(arguments == 1 ? "was" : "were")} given")
{
    public int Placeholders { get; } = placeholders;

    public int Arguments { get; } = arguments;

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
