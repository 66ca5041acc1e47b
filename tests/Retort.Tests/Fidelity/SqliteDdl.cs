using System.Text;

namespace Retort.Tests.Fidelity;

/// <summary>
/// The few things SQLite keeps only in the CREATE text (sqlite_master.sql) and no pragma reports: constraint names,
/// CHECK expressions, column collations, AUTOINCREMENT, generated expressions, DEFERRABLE, index expressions and WHERE.
/// A small tokenizer, not a full parser: enough to read what real schemas write.
/// </summary>
public static partial class SqliteDdl
{
    public sealed record Token(string Text, int Start, int End, bool Quoted)
    {
        public string Name => Quoted ? Unquote(Text) : Text;

        public bool Is(string word) => !Quoted && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }

    public sealed record ColumnDef(string Name, string? Collation, bool Autoincrement, string? Generated, List<Constraint> Constraints);

    /// <summary>A table or column constraint: kind is primary key, unique, check or foreign key.</summary>
    public sealed record Constraint(string Kind, string? Name, List<string> Columns, string? Check, string? References, bool Deferrable, bool InitiallyDeferred);

    public sealed record Table(List<ColumnDef> Columns, List<Constraint> Constraints, string Options);

    public sealed record Index(List<string> Items, string? Where);

    public static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var ch = sql[i];
            if (char.IsWhiteSpace(ch)) { i++; continue; }
            if (ch == '-' && i + 1 < sql.Length && sql[i + 1] == '-') { while (i < sql.Length && sql[i] != '\n') i++; continue; }
            if (ch == '/' && i + 1 < sql.Length && sql[i + 1] == '*') { var e = sql.IndexOf("*/", i + 2, StringComparison.Ordinal); i = e < 0 ? sql.Length : e + 2; continue; }
            var start = i;
            if (ch is '"' or '`' or '\'' or '[')
            {
                var close = ch == '[' ? ']' : ch;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close) { if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; } i++; break; }
                    i++;
                }
                tokens.Add(new Token(sql[start..i], start, i, ch != '\''));
                continue;
            }
            if (char.IsLetterOrDigit(ch) || ch == '_' || ch == '$')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' or '.')) i++;
                tokens.Add(new Token(sql[start..i], start, i, false));
                continue;
            }
            // Two-character operators stay together so that expressions print as written.
            if (i + 1 < sql.Length && "<>!=|".Contains(ch) && "<>=|".Contains(sql[i + 1])) i += 2; else i++;
            tokens.Add(new Token(sql[start..i], start, i, false));
        }
        return tokens;
    }

    public static string Unquote(string text) => text.Length >= 2 && text[0] is '"' or '`' or '['
        ? text[1..^1].Replace(text[0] == '[' ? "]]" : new string(text[0], 2), text[0] == '[' ? "]" : text[0].ToString(), StringComparison.Ordinal)
        : text;

    /// <summary>The source text from token <paramref name="from"/> to <paramref name="to"/> (inclusive), whitespace collapsed.</summary>
    private static string Text(string sql, List<Token> t, int from, int to) =>
        from > to ? "" : CatalogQuery.Squash(sql[t[from].Start..t[to].End]);

    private static int Close(List<Token> t, int open)
    {
        var depth = 0;
        for (var i = open; i < t.Count; i++)
        {
            if (!t[i].Quoted && t[i].Text == "(") depth++;
            else if (!t[i].Quoted && t[i].Text == ")" && --depth == 0) return i;
        }
        return t.Count - 1;
    }

    /// <summary>Top-level comma-separated items between the parentheses at <paramref name="open"/> and <paramref name="close"/>.</summary>
    private static List<(int From, int To)> Items(List<Token> t, int open, int close)
    {
        var items = new List<(int, int)>();
        var start = open + 1;
        for (var i = open + 1; i < close; i++)
        {
            if (!t[i].Quoted && t[i].Text == "(") { i = Close(t, i); continue; }
            if (!t[i].Quoted && t[i].Text == ",") { items.Add((start, i - 1)); start = i + 1; }
        }
        if (start <= close - 1) items.Add((start, close - 1));
        return items;
    }

    private static readonly string[] TableConstraintStarts = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

    public static Table ParseTable(string sql)
    {
        var t = Tokenize(sql);
        var open = t.FindIndex(x => !x.Quoted && x.Text == "(");
        var close = Close(t, open);
        var columns = new List<ColumnDef>();
        var constraints = new List<Constraint>();
        foreach (var (from, to) in Items(t, open, close))
        {
            if (TableConstraintStarts.Any(t[from].Is))
                constraints.AddRange(ParseConstraints(sql, t, from, to, null));
            else
                columns.Add(ParseColumn(sql, t, from, to));
        }
        return new Table(columns, constraints, close + 1 < t.Count ? Text(sql, t, close + 1, t.Count - 1).TrimEnd(';').Trim().ToUpperInvariant() : "");
    }

    private static ColumnDef ParseColumn(string sql, List<Token> t, int from, int to)
    {
        string? collation = null, generated = null;
        var autoincrement = false;
        for (var i = from + 1; i <= to; i++)
        {
            if (t[i].Is("COLLATE") && i + 1 <= to) collation = t[++i].Name;
            else if (t[i].Is("AUTOINCREMENT")) autoincrement = true;
            else if (t[i].Is("AS") && i + 1 <= to && t[i + 1].Text == "(")
            {
                var end = Close(t, i + 1);
                var storage = end + 1 <= to && t[end + 1].Is("STORED") ? "stored" : "virtual";
                generated = $"{Text(sql, t, i + 2, end - 1)} {storage}";
                i = end;
            }
            else if (t[i].Text == "(") i = Close(t, i);
        }
        // Column constraints, in the order written, with the column itself as their column.
        var constraints = new List<Constraint>();
        var starts = new List<int>();
        for (var i = from + 1; i <= to; i++)
        {
            if (t[i].Text == "(") { i = Close(t, i); continue; }
            if (t[i].Is("CONSTRAINT") || ((t[i].Is("PRIMARY") || t[i].Is("UNIQUE") || t[i].Is("CHECK") || t[i].Is("REFERENCES")) && (starts.Count == 0 || !t[i - 1].Is("CONSTRAINT") && !(i >= 2 && t[i - 2].Is("CONSTRAINT")))))
                starts.Add(i);
        }
        var name = t[from].Name;
        for (var n = 0; n < starts.Count; n++)
        {
            var end = n + 1 < starts.Count ? starts[n + 1] - 1 : to;
            constraints.AddRange(ParseConstraints(sql, t, starts[n], end, name));
        }
        return new ColumnDef(name, collation, autoincrement, generated, constraints);
    }

    /// <summary>One or more constraints in t[from..to]; SQLite accepts table constraints without commas between them.</summary>
    private static IEnumerable<Constraint> ParseConstraints(string sql, List<Token> t, int from, int to, string? column)
    {
        var i = from;
        while (i <= to)
        {
            string? name = null;
            if (t[i].Is("CONSTRAINT")) { name = t[i + 1].Name; i += 2; }
            if (i > to) yield break;
            if (t[i].Is("PRIMARY") || t[i].Is("UNIQUE"))
            {
                var kind = t[i].Is("PRIMARY") ? "primary key" : "unique";
                var cols = new List<string>();
                var j = i + 1;
                while (j <= to && t[j].Text != "(" && !IsStart(t[j])) j++;
                if (j <= to && t[j].Text == "(" && column is null)
                {
                    var end = Close(t, j);
                    cols.AddRange(Items(t, j, end).Select(x => t[x.From].Name));
                    j = end + 1;
                }
                else cols.Add(column!);
                while (j <= to && !IsStart(t[j])) { if (t[j].Text == "(") j = Close(t, j); j++; }
                yield return new Constraint(kind, name, cols, null, null, false, false);
                i = j;
            }
            else if (t[i].Is("CHECK"))
            {
                var end = Close(t, i + 1);
                yield return new Constraint("check", name, column is null ? [] : [column], Text(sql, t, i + 2, end - 1), null, false, false);
                i = end + 1;
            }
            else if (t[i].Is("FOREIGN") || t[i].Is("REFERENCES"))
            {
                var cols = new List<string>();
                var j = i;
                if (t[i].Is("FOREIGN"))
                {
                    var open = i + 2; // FOREIGN KEY (
                    var end = Close(t, open);
                    cols.AddRange(Items(t, open, end).Select(x => t[x.From].Name));
                    j = end + 1; // REFERENCES
                }
                else cols.Add(column!);
                var target = t[j + 1].Name;
                var k = j + 2;
                var refCols = new List<string>();
                if (k <= to && t[k].Text == "(") { var end = Close(t, k); refCols.AddRange(Items(t, k, end).Select(x => t[x.From].Name)); k = end + 1; }
                var deferrable = false; var deferred = false;
                while (k <= to && !IsStart(t[k]))
                {
                    if (t[k].Is("DEFERRABLE") && !t[k - 1].Is("NOT")) deferrable = true;
                    if (t[k].Is("DEFERRED") && t[k - 1].Is("INITIALLY")) deferred = true;
                    k++;
                }
                yield return new Constraint("foreign key", name, cols, null, $"{target} ({string.Join(", ", refCols)})", deferrable, deferred);
                i = k;
            }
            else i++; // NOT NULL, DEFAULT … and the like: the pragmas report them
        }
    }

    private static bool IsStart(Token t) => TableConstraintStarts.Any(t.Is) || t.Is("REFERENCES");

    public static Index ParseIndex(string sql)
    {
        var t = Tokenize(sql);
        var open = t.FindIndex(x => !x.Quoted && x.Text == "(");
        var close = Close(t, open);
        var items = Items(t, open, close).Select(x => Text(sql, t, x.From, x.To)).ToList();
        var where = t.FindIndex(close, x => x.Is("WHERE"));
        return new Index(items, where < 0 ? null : Text(sql, t, where + 1, t.Count - 1).TrimEnd(';').Trim());
    }

    /// <summary>Lower-cases keywords outside quotes so that <c>not null</c> and <c>NOT NULL</c> compare equal.</summary>
    public static string Normalize(string sql)
    {
        var sb = new StringBuilder();
        foreach (var tok in Tokenize(sql))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(tok.Quoted || tok.Text.StartsWith('\'') ? tok.Text : tok.Text.ToLowerInvariant());
        }
        return sb.ToString();
    }

    /// <summary>
    /// A statement as sqlite3 .schema prints it, spelled canonically: one space between tokens, simple identifiers
    /// unquoted (<c>"actor"</c>, <c>[actor]</c> and <c>actor</c> are one name), IF NOT EXISTS dropped; case is kept.
    /// In a CREATE TABLE, the order in which a column's clauses are written (<c>NOT NULL DEFAULT 0</c> or
    /// <c>DEFAULT 0 NOT NULL</c>), the order of the table constraints (with or without a comma between them) and of
    /// the table options, a bare <c>NULL</c> (the default) and a generated column's optional <c>GENERATED ALWAYS</c> and
    /// <c>VIRTUAL</c> are not part of the schema: they are put in one order and the optional words dropped, the
    /// documented SQLite exception in docs/fidelity.md. Every other token stays, so a
    /// clause or constraint lost or added still shows.
    /// </summary>
    public static string Canonical(string sql)
    {
        var tokens = Tokenize(sql);
        var words = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var tok = tokens[i];
            if (tok.Is("IF") && i + 2 < tokens.Count && tokens[i + 1].Is("NOT") && tokens[i + 2].Is("EXISTS")) { i += 2; continue; }
            var name = tok.Name;
            words.Add(tok.Quoted && SimpleName().IsMatch(name) ? name : Keyword(tok, words.Count > 0 ? words[^1] : ""));
        }
        if (words.Count < 4 || words[0] != "CREATE" || !words[1].Equals("TABLE", StringComparison.OrdinalIgnoreCase)) return string.Join(' ', words);
        return CanonicalTable(words);
    }

    /// <summary>
    /// Reserved words (never a bare name) and the non-reserved ones where the word before makes them keywords
    /// (PRIMARY KEY, NO ACTION, ON DELETE CASCADE): SQLite reads keywords in any case, so they compare upper case.
    /// </summary>
    private static string Keyword(Token tok, string previous)
    {
        if (tok.Quoted || tok.Text.StartsWith('\'')) return tok.Text;
        var upper = tok.Text.ToUpperInvariant();
        var contextual = upper switch
        {
            "KEY" => previous is "PRIMARY" or "FOREIGN",
            "ACTION" => previous == "NO",
            "CASCADE" or "RESTRICT" or "NO" => previous is "DELETE" or "UPDATE",
            "ASC" or "DESC" or "AUTOINCREMENT" or "CONFLICT" or "ROWID" or "STRICT" or "STORED" or "VIRTUAL" or "ALWAYS" or "GENERATED" => true,
            _ => false,
        };
        return contextual || ReservedWords.Contains(upper) ? upper : tok.Text;
    }

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "ALL", "AND", "AS", "BETWEEN", "CASE", "CHECK", "COLLATE", "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DELETE",
        "DISTINCT", "ELSE", "ESCAPE", "EXISTS", "FOREIGN", "FROM", "GROUP", "HAVING", "IF", "IN", "INDEX", "INITIALLY", "INSERT",
        "INTO", "IS", "ISNULL", "JOIN", "LIMIT", "NOT", "NOTNULL", "NULL", "ON", "OR", "ORDER", "PRIMARY", "REFERENCES",
        "SELECT", "SET", "TABLE", "THEN", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "WHEN", "WHERE", "WITHOUT",
    };

    private static readonly string[] ColumnClauses = ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];

    /// <summary>CREATE TABLE name ( columns, constraints ) options: each column's clauses sorted, constraints sorted.</summary>
    private static string CanonicalTable(List<string> words)
    {
        var open = words.IndexOf("(");
        var close = open;
        for (int i = open, depth = 0; i < words.Count; i++)
        {
            if (words[i] == "(") depth++;
            else if (words[i] == ")" && --depth == 0) { close = i; break; }
        }
        if (open < 0 || close <= open) return string.Join(' ', words);
        var columns = new List<string>();
        var constraints = new List<string>();
        foreach (var item in Split(words, open + 1, close - 1, (w, start) => w == ","))
        {
            if (TableConstraintStarts.Any(s => s.Equals(item[0], StringComparison.OrdinalIgnoreCase)))
            {
                // A run of table constraints without commas: split where the next one starts (not after CONSTRAINT name).
                constraints.AddRange(Split(item, 0, item.Count - 1, (w, k) => k > 0 && TableConstraintStarts.Any(s => s.Equals(w, StringComparison.OrdinalIgnoreCase))
                    && !(k >= 2 && item[k - 2].Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase))
                    && !item[k - 1].Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase)
                    && !(w.Equals("KEY", StringComparison.OrdinalIgnoreCase)))
                    .Select(c => string.Join(' ', c)));
                continue;
            }
            var typeEnd = 1;
            while (typeEnd < item.Count && !IsClause(item, typeEnd)) typeEnd = item[typeEnd] == "(" ? Skip(item, typeEnd) + 1 : typeEnd + 1;
            // A bare NULL states the default (nullable) and is not kept; nor are a generated column's optional words
            // GENERATED ALWAYS and VIRTUAL (the default storage).
            var clauses = Split(item, typeEnd, item.Count - 1, (w, k) => k > typeEnd && IsClause(item, k)).Select(c => string.Join(' ', c))
                .Where(c => !c.Equals("NULL", StringComparison.OrdinalIgnoreCase))
                .Select(c => GeneratedNoise().Replace(c, "AS ("))
                .Select(c => c.StartsWith("AS (", StringComparison.OrdinalIgnoreCase) && c.EndsWith(" VIRTUAL", StringComparison.OrdinalIgnoreCase) ? c[..^" VIRTUAL".Length] : c)
                .Order(StringComparer.Ordinal);
            columns.Add(string.Join(' ', item.Take(typeEnd).Concat(clauses)));
        }
        var body = columns.Concat(constraints.Order(StringComparer.Ordinal));
        // Table options (STRICT, WITHOUT ROWID) in one order too.
        var options = Split(words, close + 1, words.Count - 1, (w, k) => w == ",").Select(o => string.Join(' ', o).TrimEnd(';').Trim())
            .Where(o => o.Length > 0).Order(StringComparer.Ordinal);
        return string.Join(' ', words.Take(open + 1)) + " " + string.Join(" , ", body) + " ) " + string.Join(" , ", options) + " ;";
    }

    /// <summary>Whether a column clause starts at item[k]: a clause keyword, except NULL after NOT or DEFAULT, the
    /// keyword after CONSTRAINT's name, and AS after GENERATED ALWAYS.</summary>
    private static bool IsClause(List<string> item, int k)
    {
        var w = item[k];
        if (!ColumnClauses.Any(c => c.Equals(w, StringComparison.OrdinalIgnoreCase))) return false;
        var prev = k > 0 ? item[k - 1] : "";
        if (w.Equals("NULL", StringComparison.OrdinalIgnoreCase) && (prev.Equals("NOT", StringComparison.OrdinalIgnoreCase) || prev.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase))) return false;
        if (k >= 2 && item[k - 2].Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase)) return false;
        if (w.Equals("AS", StringComparison.OrdinalIgnoreCase) && prev.Equals("ALWAYS", StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private static int Skip(List<string> words, int open)
    {
        for (int i = open, depth = 0; i < words.Count; i++)
        {
            if (words[i] == "(") depth++;
            else if (words[i] == ")" && --depth == 0) return i;
        }
        return words.Count - 1;
    }

    /// <summary>Top-level pieces of words[from..to]: a new piece where <paramref name="starts"/> says so (a comma is dropped).</summary>
    private static List<List<string>> Split(List<string> words, int from, int to, Func<string, int, bool> starts)
    {
        var pieces = new List<List<string>>();
        var current = new List<string>();
        for (var i = from; i <= to; i++)
        {
            if (words[i] == "(")
            {
                var end = Skip(words, i);
                current.AddRange(words.Skip(i).Take(end - i + 1));
                i = end;
                continue;
            }
            if (starts(words[i], i))
            {
                if (current.Count > 0) pieces.Add(current);
                current = [];
                if (words[i] == ",") continue;
            }
            current.Add(words[i]);
        }
        if (current.Count > 0) pieces.Add(current);
        return pieces;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^GENERATED ALWAYS AS \(", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex GeneratedNoise();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex SimpleName();
}
