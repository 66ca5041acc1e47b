using System.Globalization;
using System.Text;

namespace Retort.Dialects;

/// <summary>
/// An SQL expression (a default, a check, a generated column, an index expression or predicate) reduced to the
/// tokens that carry its meaning, so that a model's text and the text a database prints back compare equal when,
/// and only when, they say the same thing: identifiers unquoted and lower-cased, keywords lower-cased, numbers in one
/// spelling (<c>1.50</c> = <c>1.5</c>), <c>!=</c> as <c>&lt;&gt;</c>, casts (<c>::type</c>) dropped, and only the
/// parentheses that change nothing dropped (around a whole expression, an operand, or an operation that binds tighter
/// than its neighbours: PostgreSQL's <c>((a &gt; 0) AND (b &lt; 10))</c> is <c>a &gt; 0 AND b &lt; 10</c>, but
/// <c>(a + b) * 2</c> stays). String literals are kept exactly.
/// </summary>
public static class SqlExpressionText
{
    /// <summary>The normal form, tokens separated by one space.</summary>
    public static string Normalize(string sql, SqlLexicon lexicon) => string.Join(" ", Tokens(sql, lexicon));

    /// <summary>The tokens of the normal form.</summary>
    public static List<string> Tokens(string sql, SqlLexicon lexicon)
    {
        var tokens = DropCasts(Lex(sql, lexicon));
        MergeSigns(tokens);
        while (DropOneRedundantPair(tokens)) { }
        return tokens;
    }

    private static readonly string[] Operators = ["::", "<=", ">=", "<>", "!=", "||", "->>", "->", "<<", ">>", "==", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", "[", "]", ".", "~", "!", "&", "|", "^"];

    private static List<string> Lex(string sql, SqlLexicon lexicon)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (lexicon.StringQuotes.Contains(c))
            {
                var end = Closing(sql, i, c, lexicon.BackslashEscapes);
                // One quote style for strings: MySQL's "x" is 'x'.
                tokens.Add("'" + sql[(i + 1)..(end - 1)].Replace(c + "" + c, c.ToString()).Replace("'", "''") + "'");
                i = end;
                continue;
            }
            var pair = lexicon.IdentifierQuotePairs.IndexOf(c);
            if (pair >= 0 && pair % 2 == 0)
            {
                var close = lexicon.IdentifierQuotePairs[pair + 1];
                var end = Closing(sql, i, close, false);
                tokens.Add(sql[(i + 1)..(end - 1)].Replace(close + "" + close, close.ToString()).ToLowerInvariant());
                i = end;
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsDigit(sql[i + 1])))
            {
                var start = i;
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.')) i++;
                if (i < sql.Length && (sql[i] == 'e' || sql[i] == 'E')) { i++; if (i < sql.Length && (sql[i] == '+' || sql[i] == '-')) i++; while (i < sql.Length && char.IsDigit(sql[i])) i++; }
                tokens.Add(Number(sql[start..i]));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$')) i++;
                tokens.Add(sql[start..i].ToLowerInvariant());
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(sql, i, o, 0, o.Length) == 0) ?? c.ToString();
            tokens.Add(op == "!=" ? "<>" : op == "==" ? "=" : op);
            i += op.Length;
        }
        return tokens;
    }

    /// <summary>The index just past the closing quote (a doubled quote is an escaped one).</summary>
    private static int Closing(string sql, int open, char close, bool backslash)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (backslash && sql[i] == '\\') { i += 2; continue; }
            if (sql[i] == close)
            {
                if (i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    private static string Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : text.ToLowerInvariant();

    // Words that end a cast's type name (the type is words up to one of these, an operator or the end).
    private static readonly HashSet<string> Keywords = ["and", "or", "not", "is", "in", "like", "ilike", "between", "collate", "asc", "desc", "nulls", "then", "else", "end", "when", "as", "escape", "similar", "isnull", "notnull"];

    /// <summary>Drops <c>::type</c>, <c>::type(n)</c>, <c>::type[]</c>, <c>::character varying</c>.</summary>
    private static List<string> DropCasts(List<string> tokens)
    {
        var result = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] != "::") { result.Add(tokens[i]); continue; }
            var j = i + 1;
            while (j < tokens.Count && IsWord(tokens[j]) && !Keywords.Contains(tokens[j]))
            {
                j++;
                if (j < tokens.Count && tokens[j] == ".") j++;
            }
            if (j < tokens.Count && tokens[j] == "(") j = Match(tokens, j) + 1;
            while (j + 1 < tokens.Count && tokens[j] == "[" && tokens[j + 1] == "]") j += 2;
            i = j - 1;
        }
        return result;
    }

    /// <summary>A minus or plus before a number where an operand is expected is part of the number (<c>-1</c>).</summary>
    private static void MergeSigns(List<string> tokens)
    {
        for (var i = tokens.Count - 2; i >= 0; i--)
        {
            if ((tokens[i] != "-" && tokens[i] != "+") || !IsNumber(tokens[i + 1])) continue;
            if (i > 0 && IsOperand(tokens[i - 1])) continue;
            tokens[i] = tokens[i] == "-" ? Number("-" + tokens[i + 1]) : tokens[i + 1];
            tokens.RemoveAt(i + 1);
        }
    }

    private static bool IsWord(string t) => t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_');

    private static bool IsNumber(string t) => t.Length > 0 && (char.IsDigit(t[0]) || t[0] == '.' || (t[0] == '-' && t.Length > 1));

    private static bool IsOperand(string t) => t == ")" || t == "]" || IsNumber(t) || t.StartsWith('\'') || (IsWord(t) && !Keywords.Contains(t) && Precedence(t) == 0);

    private static int Match(List<string> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i] is "(" or "[") depth++;
            else if (tokens[i] is ")" or "]" && --depth == 0) return i;
        }
        return tokens.Count - 1;
    }

    /// <summary>How tightly a binary operator binds (0: not a binary operator).</summary>
    private static int Precedence(string t) => t switch
    {
        "or" => 1,
        "and" => 2,
        "not" => 3,
        "=" or "<>" or "<" or ">" or "<=" or ">=" or "is" or "like" or "ilike" or "in" or "between" => 4,
        "+" or "-" or "||" or "&" or "|" or "^" or "<<" or ">>" => 5,
        "*" or "/" or "%" => 6,
        "->" or "->>" or "collate" => 7,
        _ => 0,
    };

    /// <summary>Drops the first pair of grouping parentheses that changes nothing; false when there is none.</summary>
    private static bool DropOneRedundantPair(List<string> tokens)
    {
        for (var open = 0; open < tokens.Count; open++)
        {
            if (tokens[open] != "(") continue;
            var before = open == 0 ? null : tokens[open - 1];
            // After a function name (or IN, ANY …) the parentheses belong to a call or a list.
            if (before is not null && (before == "in" || (IsWord(before) && Precedence(before) == 0 && !Separators.Contains(before)))) continue;
            var close = Match(tokens, open);
            var inner = Lowest(tokens, open + 1, close);
            if (inner == -1) continue; // a list: (1, 2)
            var after = close + 1 < tokens.Count ? tokens[close + 1] : null;
            var left = before is null ? 0 : Precedence(before);
            var right = after is null ? 0 : Precedence(after);
            // An operand, or an operation that binds tighter than its left neighbour and at least as tightly as its
            // right one (operators group from the left: (a - b) - c is a - b - c, a - (b - c) is not).
            if (inner > left && inner >= right)
            {
                tokens.RemoveAt(close);
                tokens.RemoveAt(open);
                return true;
            }
        }
        return false;
    }

    // Words after which an opening parenthesis groups (rather than calls a function).
    private static readonly HashSet<string> Separators = ["case", "when", "then", "else", "check", "where", "select"];

    /// <summary>The lowest precedence of a binary operator at depth 0 (int.MaxValue: an operand; -1: a list).</summary>
    private static int Lowest(List<string> tokens, int from, int to)
    {
        var lowest = int.MaxValue;
        var depth = 0;
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t is "(" or "[") depth++;
            else if (t is ")" or "]") depth--;
            else if (depth == 0)
            {
                if (t == ",") return -1;
                var p = Precedence(t);
                // "-" right after an operator is a sign, not a subtraction.
                // A sign is no subtraction; NOT (also in IS NOT) binds as NOT.
                if (p > 0 && !(t is "-" or "+" && (i == from || !IsOperand(tokens[i - 1])))) lowest = Math.Min(lowest, p);
            }
        }
        return lowest;
    }
}
