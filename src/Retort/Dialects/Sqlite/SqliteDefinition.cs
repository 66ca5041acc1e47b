namespace Retort.Dialects.Sqlite;

/// <summary>
/// What SQLite keeps only in a CREATE TABLE / CREATE INDEX text (sqlite_master.sql) and no pragma reports: which
/// constraints are named and how, whether a constraint is written on its column or as a table constraint, explicit
/// referential actions, DEFERRABLE, CHECK expressions, collations, AUTOINCREMENT, defaults as written (an expression
/// keeps its parentheses), generated columns, WITHOUT ROWID and STRICT, index expressions and WHERE.
/// A tokenizer and a small parser, enough for what real schemas write; expressions are kept as their source text.
/// </summary>
internal static class SqliteDefinition
{
    public sealed record Token(string Text, int Start, int End, bool Quoted)
    {
        public string Name => Quoted ? Unquote(Text) : Text;

        public bool Is(string word) => !Quoted && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A constraint as written: kind is PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY; Name is null when unnamed.</summary>
    public sealed record Constraint(string Kind, string? Name)
    {
        public List<string> Columns { get; init; } = [];
        public bool Autoincrement { get; init; }
        public string? Check { get; init; }
        public string? ReferencedTable { get; init; }
        public List<string> ReferencedColumns { get; init; } = [];
        public string? OnDelete { get; init; }
        public string? OnUpdate { get; init; }
        public bool Deferrable { get; init; }
        public bool InitiallyDeferred { get; init; }
        public bool InitiallyImmediate { get; init; }
        public string? Match { get; init; }
        /// <summary>Key columns written DESC (PRIMARY KEY DESC on a column, or (a DESC, b) in a table constraint).</summary>
        public List<string> Descending { get; init; } = [];
        /// <summary>ON CONFLICT's resolution on a PRIMARY KEY or UNIQUE.</summary>
        public string? OnConflict { get; init; }
    }

    public sealed record ColumnDef(string Name)
    {
        /// <summary>The declared type as written (pragma table_info respells some, e.g. integer as INTEGER).</summary>
        public string Type { get; set; } = "";
        public bool NotNull { get; set; }
        public string? Default { get; set; }
        public string? Collation { get; set; }
        public string? Generated { get; set; }
        public bool Stored { get; set; }
        /// <summary>ON CONFLICT's resolution on the NOT NULL.</summary>
        public string? NotNullOnConflict { get; set; }
        public List<Constraint> Constraints { get; } = [];
    }

    public sealed record Table(List<ColumnDef> Columns, List<Constraint> Constraints, bool WithoutRowId, bool Strict);

    /// <summary>An index's key parts as written (expression or column, then COLLATE, ASC/DESC) and its WHERE.</summary>
    public sealed record Index(List<(string Text, bool IsColumn, string? Collation)> Items, string? Where);

    public static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var ch = sql[i];
            if (char.IsWhiteSpace(ch)) { i++; continue; }
            if (ch == '-' && i + 1 < sql.Length && sql[i + 1] == '-') { while (i < sql.Length && sql[i] != '\n') i++; continue; }
            if (ch == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var e = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = e < 0 ? sql.Length : e + 2;
                continue;
            }
            var start = i;
            if (ch is '"' or '`' or '\'' or '[')
            {
                var close = ch == '[' ? ']' : ch;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                tokens.Add(new Token(sql[start..i], start, i, ch != '\''));
                continue;
            }
            if (char.IsLetterOrDigit(ch) || ch is '_' or '$')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' or '.')) i++;
                tokens.Add(new Token(sql[start..i], start, i, false));
                continue;
            }
            i++;
            tokens.Add(new Token(sql[start..i], start, i, false));
        }
        return tokens;
    }

    public static string Unquote(string text) => text.Length >= 2 && text[0] is '"' or '`' or '['
        ? text[1..^1].Replace(text[0] == '[' ? "]]" : new string(text[0], 2), text[0] == '[' ? "]" : text[0].ToString(), StringComparison.Ordinal)
        : text;

    private static bool IsPunct(Token t, string p) => !t.Quoted && t.Text == p;

    /// <summary>The token index of the parenthesis closing the one at <paramref name="open"/>.</summary>
    private static int Close(List<Token> t, int open)
    {
        var depth = 0;
        for (var i = open; i < t.Count; i++)
        {
            if (IsPunct(t[i], "(")) depth++;
            else if (IsPunct(t[i], ")") && --depth == 0) return i;
        }
        return t.Count - 1;
    }

    /// <summary>The source text from token <paramref name="from"/> to <paramref name="to"/>, as written.</summary>
    private static string Source(string sql, List<Token> t, int from, int to) => from > to ? "" : sql[t[from].Start..t[to].End];

    /// <summary>Top-level comma-separated items between two parentheses, as token ranges.</summary>
    private static List<(int From, int To)> Items(List<Token> t, int open, int close)
    {
        var items = new List<(int, int)>();
        var start = open + 1;
        for (var i = open + 1; i < close; i++)
        {
            if (IsPunct(t[i], "(")) { i = Close(t, i); continue; }
            if (IsPunct(t[i], ",")) { items.Add((start, i - 1)); start = i + 1; }
        }
        if (start <= close - 1) items.Add((start, close - 1));
        return items;
    }

    private static readonly string[] TableConstraintStarts = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

    private static readonly string[] ColumnClauseStarts =
        ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];

    public static Table ParseTable(string sql)
    {
        var t = Tokenize(sql);
        var open = t.FindIndex(x => IsPunct(x, "("));
        if (open < 0) throw new RetortException("Cannot read a SQLite CREATE TABLE without a column list: " + sql);
        var close = Close(t, open);
        var columns = new List<ColumnDef>();
        var constraints = new List<Constraint>();
        foreach (var (from, to) in Items(t, open, close))
        {
            var isConstraint = TableConstraintStarts.Any(t[from].Is);
            if (isConstraint) constraints.AddRange(Constraints(sql, t, from, to, null));
            else columns.Add(Column(sql, t, from, to));
        }
        var options = t.Skip(close + 1).Where(x => !x.Quoted).Select(x => x.Text.ToUpperInvariant()).ToList();
        return new Table(columns, constraints, options.Contains("ROWID"), options.Contains("STRICT"));
    }

    private static ColumnDef Column(string sql, List<Token> t, int from, int to)
    {
        var c = new ColumnDef(t[from].Name);
        var i = from + 1;
        // The declared type runs up to the first clause keyword (pragma table_info reports it; skipped here).
        while (i <= to && !ColumnClauseStarts.Any(t[i].Is))
            i = IsPunct(t[i], "(") ? Close(t, i) + 1 : i + 1;
        c.Type = string.Join(' ', Source(sql, t, from + 1, i - 1).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        string? constraintName = null;
        while (i <= to)
        {
            if (t[i].Is("CONSTRAINT")) { constraintName = t[i + 1].Name; i += 2; continue; }
            if (t[i].Is("NOT") && i + 1 <= to && t[i + 1].Is("NULL"))
            {
                c.NotNull = true;
                c.NotNullOnConflict = Conflict(t, i + 2, to);
                i = c.NotNullOnConflict is null ? i + 2 : i + 5;
                constraintName = null;
                continue;
            }
            if (t[i].Is("NULL")) { i++; continue; }
            if (t[i].Is("DEFAULT"))
            {
                // The default's text as written up to the next clause: (expr), a signed number, x'..', NULL …
                var j = i + 1;
                var k = IsPunct(t[j], "(") ? Close(t, j) + 1 : j + 1;
                while (k <= to && !StartsNext(t[k])) k = IsPunct(t[k], "(") ? Close(t, k) + 1 : k + 1;
                c.Default = Source(sql, t, j, k - 1);
                i = k;
                constraintName = null;
                continue;
            }
            if (t[i].Is("COLLATE")) { c.Collation = t[i + 1].Name; i += 2; constraintName = null; continue; }
            if (t[i].Is("GENERATED") || t[i].Is("AS"))
            {
                var j = i;
                while (!IsPunct(t[j], "(")) j++;
                var end = Close(t, j);
                c.Generated = Source(sql, t, j + 1, end - 1);
                i = end + 1;
                if (i <= to && t[i].Is("STORED")) { c.Stored = true; i++; }
                else if (i <= to && t[i].Is("VIRTUAL")) i++;
                constraintName = null;
                continue;
            }
            if (t[i].Is("PRIMARY") || t[i].Is("UNIQUE") || t[i].Is("CHECK") || t[i].Is("REFERENCES"))
            {
                var (constraint, next) = OneConstraint(sql, t, i, to, c.Name, constraintName);
                c.Constraints.Add(constraint);
                constraintName = null;
                i = next;
                continue;
            }
            i++;
        }
        return c;
    }

    /// <summary>The resolution of an ON CONFLICT clause at t[i], upper case; null when there is none.</summary>
    private static string? Conflict(List<Token> t, int i, int to) =>
        i + 2 <= to && t[i].Is("ON") && t[i + 1].Is("CONFLICT") ? t[i + 2].Text.ToUpperInvariant() : null;

    /// <summary>One or more table constraints in t[from..to] (SQLite accepts them without commas between).</summary>
    private static IEnumerable<Constraint> Constraints(string sql, List<Token> t, int from, int to, string? column)
    {
        var i = from;
        while (i <= to)
        {
            string? name = null;
            if (t[i].Is("CONSTRAINT")) { name = t[i + 1].Name; i += 2; }
            if (i > to) yield break;
            if (t[i].Is("PRIMARY") || t[i].Is("UNIQUE") || t[i].Is("CHECK") || t[i].Is("FOREIGN"))
            {
                var (constraint, next) = OneConstraint(sql, t, i, to, column, name);
                yield return constraint;
                i = next;
            }
            else i++;
        }
    }

    /// <summary>The constraint starting at t[i] (after any CONSTRAINT name), and the index after it.</summary>
    private static (Constraint, int) OneConstraint(string sql, List<Token> t, int i, int to, string? column, string? name)
    {
        if (t[i].Is("PRIMARY") || t[i].Is("UNIQUE"))
        {
            var kind = t[i].Is("PRIMARY") ? "PRIMARY KEY" : "UNIQUE";
            var j = t[i].Is("PRIMARY") ? i + 2 : i + 1;
            var cols = new List<string>();
            var descending = new List<string>();
            if (j <= to && IsPunct(t[j], "("))
            {
                var end = Close(t, j);
                foreach (var (from, last) in Items(t, j, end))
                {
                    cols.Add(t[from].Name);
                    if (t[last].Is("DESC")) descending.Add(t[from].Name);
                }
                j = end + 1;
            }
            else if (column is not null) cols.Add(column);
            var autoincrement = false;
            string? onConflict = null;
            while (j <= to && !StartsNext(t[j]))
            {
                if (Conflict(t, j, to) is { } resolution) { onConflict = resolution; j += 3; continue; }
                if (t[j].Is("AUTOINCREMENT")) autoincrement = true;
                if (t[j].Is("DESC") && column is not null) descending.Add(column);
                j++;
            }
            return (new Constraint(kind, name) { Columns = cols, Autoincrement = autoincrement, Descending = descending, OnConflict = onConflict }, j);
        }
        if (t[i].Is("CHECK"))
        {
            var end = Close(t, i + 1);
            return (new Constraint("CHECK", name) { Columns = column is null ? [] : [column], Check = Source(sql, t, i + 2, end - 1) }, end + 1);
        }
        var local = new List<string>();
        var k = i;
        if (t[i].Is("FOREIGN"))
        {
            var open = i + 2; // FOREIGN KEY (
            var end = Close(t, open);
            local.AddRange(Items(t, open, end).Select(x => t[x.From].Name));
            k = end + 1;
        }
        else if (column is not null) local.Add(column);
        // k is at REFERENCES
        var target = t[k + 1].Name;
        k += 2;
        var refCols = new List<string>();
        if (k <= to && IsPunct(t[k], "("))
        {
            var end = Close(t, k);
            refCols.AddRange(Items(t, k, end).Select(x => t[x.From].Name));
            k = end + 1;
        }
        string? onDelete = null, onUpdate = null;
        var deferrable = false;
        var deferred = false;
        var immediate = false;
        string? match = null;
        while (k <= to && !StartsNext(t[k]))
        {
            if (t[k].Is("ON") && k + 1 <= to && (t[k + 1].Is("DELETE") || t[k + 1].Is("UPDATE")))
            {
                var a = k + 2;
                var action = t[a].Is("SET") || t[a].Is("NO") ? $"{t[a].Text} {t[a + 1].Text}" : t[a].Text;
                if (t[k + 1].Is("DELETE")) onDelete = action.ToUpperInvariant(); else onUpdate = action.ToUpperInvariant();
                k = a + (t[a].Is("SET") || t[a].Is("NO") ? 2 : 1);
                continue;
            }
            if (t[k].Is("DEFERRABLE") && !t[k - 1].Is("NOT")) deferrable = true;
            if (t[k].Is("DEFERRED") && t[k - 1].Is("INITIALLY")) deferred = true;
            if (t[k].Is("IMMEDIATE") && t[k - 1].Is("INITIALLY")) immediate = true;
            if (t[k].Is("MATCH") && k + 1 <= to) match = t[k + 1].Name;
            k++;
        }
        return (new Constraint("FOREIGN KEY", name)
        {
            Columns = local, ReferencedTable = target, ReferencedColumns = refCols, OnDelete = onDelete, OnUpdate = onUpdate,
            Deferrable = deferrable, InitiallyDeferred = deferred, InitiallyImmediate = immediate, Match = match,
        }, k);
    }

    /// <summary>Where the next clause starts, within a column definition or a run of table constraints.</summary>
    private static bool StartsNext(Token t) =>
        !t.Quoted && (TableConstraintStarts.Any(t.Is) || t.Is("REFERENCES") || t.Is("NOT") || t.Is("NULL") || t.Is("DEFAULT")
                      || t.Is("COLLATE") || t.Is("GENERATED") || t.Is("AS"));

    public static Index ParseIndex(string sql)
    {
        var t = Tokenize(sql);
        var open = t.FindIndex(x => IsPunct(x, "("));
        var close = Close(t, open);
        var items = new List<(string, bool, string?)>();
        foreach (var (from, to) in Items(t, open, close))
        {
            var end = to;
            if (t[end].Is("DESC") || t[end].Is("ASC")) end--;
            string? collation = null;
            if (end - 1 >= from && t[end - 1].Is("COLLATE")) { collation = t[end].Name; end -= 2; }
            var isColumn = end == from && (t[from].Quoted || char.IsLetter(t[from].Text[0]) || t[from].Text[0] == '_');
            items.Add((isColumn ? t[from].Name : Source(sql, t, from, end), isColumn, collation));
        }
        var where = t.FindIndex(close, x => x.Is("WHERE"));
        return new Index(items, where < 0 ? null : Source(sql, t, where + 1, t.Count - 1).TrimEnd(';').Trim());
    }
}
