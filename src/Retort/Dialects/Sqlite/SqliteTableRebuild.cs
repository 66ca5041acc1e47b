using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite's way to change what ALTER TABLE cannot: create the table anew under a temporary name with the changed
/// definition, copy the rows, drop the old table, rename the new one, and recreate the indexes. The definition is
/// SQLite's own CREATE TABLE text, edited element by element, so types, defaults, keys and checks survive.
/// </summary>
internal static partial class SqliteTableRebuild
{
    private static readonly HashSet<string> ConstraintStarts = new(StringComparer.OrdinalIgnoreCase) { "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN" };

    private static readonly HashSet<string> ColumnKeywords = new(StringComparer.OrdinalIgnoreCase)
        { "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS" };

    public static async Task<(string CreateSql, IReadOnlyList<string> Indexes)> ReadTableAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT type, sql FROM sqlite_master WHERE tbl_name = @t AND sql IS NOT NULL AND type IN ('table', 'index') ORDER BY type DESC, rowid";
        var p = cmd.CreateParameter();
        p.ParameterName = "@t";
        p.Value = table;
        cmd.Parameters.Add(p);
        string? create = null;
        var indexes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetString(0) == "table") create = reader.GetString(1);
            else indexes.Add(reader.GetString(1));
        }
        return (create ?? throw new RetortException($"No table {table} in the SQLite database to alter."), indexes);
    }

    public static async Task<bool> ForeignKeysEnforcedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "PRAGMA foreign_keys";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static IReadOnlyList<SqlStatement> Plan(SqliteDialect d, string table, string? schema, string createSql,
        IReadOnlyList<string> indexes, IReadOnlyList<TableOperation> operations)
    {
        var open = createSql.IndexOf('(');
        var close = createSql.LastIndexOf(')');
        if (open < 0 || close < open) throw new RetortException($"Cannot read the definition of SQLite table {table}.");
        var elements = SplitTopLevel(createSql[(open + 1)..close]).Select(Element.Parse).ToList();
        // STRICT and WITHOUT ROWID follow the closing parenthesis; the new table keeps them.
        var tableOptions = createSql[(close + 1)..].Trim();
        var indexList = indexes.ToList();
        var copied = elements.Where(e => e.IsColumn).ToDictionary(e => e.Name!, e => QuoteOld(d, e.Name!), StringComparer.OrdinalIgnoreCase);
        var newTable = table;

        foreach (var op in operations)
        {
            switch (op)
            {
                case AddColumnOperation a:
                    elements.Insert(elements.FindLastIndex(e => e.IsColumn) + 1, Element.Parse(d.ColumnDefinition(table, a.Column)));
                    break;
                case DropColumnOperation dc:
                    Require(elements, dc.Column, table);
                    elements.RemoveAll(e => e.IsColumn ? Same(e.Name!, dc.Column) : Mentions(LocalPart(e.Text), dc.Column));
                    indexList.RemoveAll(i => Mentions(i, dc.Column));
                    copied.Remove(dc.Column);
                    break;
                case AlterColumnOperation ac:
                    Alter(d, elements, indexList, copied, table, ac);
                    break;
                case CreatePrimaryKeyOperation pk:
                    DropPrimaryKey(d, elements);
                    elements.Add(Element.Parse($"{d.ConstraintName(pk.Name, () => Naming.PrimaryKey(table))}PRIMARY KEY ({string.Join(", ", pk.Columns.Select(d.QuoteIdentifier))})"));
                    break;
                case CreateUniqueConstraintOperation u:
                    elements.Add(Element.Parse($"CONSTRAINT {d.QuoteIdentifier(u.Name)} UNIQUE ({string.Join(", ", u.Columns.Select(d.QuoteIdentifier))})"));
                    break;
                case CreateForeignKeyOperation fk:
                    elements.Add(Element.Parse(d.ForeignKeyClause(fk.Table, fk.ForeignKey with { Name = fk.Name })));
                    break;
                case CreateCheckConstraintOperation ck:
                    elements.Add(Element.Parse($"CONSTRAINT {d.QuoteIdentifier(ck.Name)} CHECK ({ck.Sql})"));
                    break;
                case DropConstraintOperation { Kind: ConstraintKind.PrimaryKey }:
                    DropPrimaryKey(d, elements);
                    break;
                case DropConstraintOperation dcn:
                    if (elements.RemoveAll(e => !e.IsColumn && e.ConstraintName is { } n && Same(n, dcn.Name)) == 0)
                        throw new RetortException($"SQLite table {table} has no constraint named {dcn.Name}.");
                    break;
                case RenameTableOperation rt:
                    newTable = rt.NewName;
                    break;
                case TableCommentOperation:
                    break;
                case SetTableOptionsOperation so:
                    tableOptions = TableOptions(tableOptions, so.Options, table);
                    break;
                default:
                    throw new RetortException($"{op.GetType().Name} cannot be part of a SQLite table rebuild.");
            }
        }

        var temp = "_retort_tmp_" + table;
        var body = string.Join(",\n    ", elements.Select(e => e.Text));
        // Generated columns (stored or virtual) cannot be written: the new table computes them from its own definition.
        var columns = elements.Where(e => e.IsColumn && !e.IsGenerated && copied.ContainsKey(e.Name!)).ToList();
        var options = tableOptions.Length > 0 ? " " + tableOptions : "";
        var statements = new List<SqlStatement>
        {
            $"CREATE TABLE {d.Qualify(temp, schema)} (\n    {body}\n){options}",
            $"INSERT INTO {d.Qualify(temp, schema)} ({string.Join(", ", columns.Select(c => d.QuoteIdentifier(c.Name!)))}) "
            + $"SELECT {string.Join(", ", columns.Select(c => copied[c.Name!]))} FROM {d.Qualify(table, schema)}",
            $"DROP TABLE {d.Qualify(table, schema)}",
            $"ALTER TABLE {d.Qualify(temp, schema)} RENAME TO {d.QuoteIdentifier(newTable)}",
        };
        statements.AddRange(indexList.Select(i => (SqlStatement)(newTable == table ? i : RenameIndexTable(i, table, newTable, d))));
        if (elements.Any(e => Regex.IsMatch(e.Text, @"\bREFERENCES\b", RegexOptions.IgnoreCase)))
            statements.AddRange(ForeignKeyCheck(d, newTable, schema));
        return statements;
    }

    /// <summary>The options after the closing parenthesis with <c>sqlite.strict</c> / <c>sqlite.without_rowid</c> set
    /// as asked (true or false); unchanged ones keep their place, a new one is added in Retort's order.</summary>
    private static string TableOptions(string current, IReadOnlyDictionary<string, string> changes, string table)
    {
        var options = SplitTopLevel(current.TrimEnd(';')).Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        foreach (var (key, value) in changes)
        {
            var option = key switch
            {
                "sqlite.without_rowid" => "WITHOUT ROWID",
                "sqlite.strict" => "STRICT",
                _ => throw new RetortException($"SQLite has no table option {key} (table {table}): sqlite.strict and sqlite.without_rowid only."),
            };
            var at = options.FindIndex(o => string.Equals(Regex.Replace(o, @"\s+", " "), option, StringComparison.OrdinalIgnoreCase));
            var wanted = SqliteDialect.IsTrue(value);
            if (wanted && at < 0) options.Insert(option == "WITHOUT ROWID" ? 0 : options.Count, option);
            if (!wanted && at >= 0) options.RemoveAt(at);
        }
        return string.Join(", ", options);
    }

    /// <summary>
    /// The rows copied must satisfy the table's foreign keys. SQLite has no statement that raises an error from a query,
    /// so a count of pragma_foreign_key_check goes into a temporary table whose named CHECK fails on any violation;
    /// inside the migration's transaction that rolls everything back.
    /// </summary>
    private static IEnumerable<SqlStatement> ForeignKeyCheck(SqliteDialect d, string table, string? schema)
    {
        var check = d.QuoteIdentifier("_retort_fk_check");
        var message = d.QuoteIdentifier($"foreign key violations after rebuilding SQLite table {table} (see PRAGMA foreign_key_check)");
        var schemaArg = schema is null ? "" : ", " + d.Literal(schema);
        yield return $"CREATE TEMP TABLE {check} (violations INTEGER CONSTRAINT {message} CHECK (violations = 0))";
        yield return $"INSERT INTO temp.{check} SELECT COUNT(*) FROM pragma_foreign_key_check({d.Literal(table)}{schemaArg})";
        yield return $"DROP TABLE temp.{check}";
    }

    /// <summary>The part of a table constraint that names this table's columns: a foreign key's text before REFERENCES.</summary>
    private static string LocalPart(string constraint)
    {
        var m = Regex.Match(constraint, @"\bREFERENCES\b", RegexOptions.IgnoreCase);
        return m.Success ? constraint[..m.Index] : constraint;
    }

    private static void Alter(SqliteDialect d, List<Element> elements, List<string> indexes, Dictionary<string, string> copied, string table, AlterColumnOperation o)
    {
        var column = Require(elements, o.Column, table);
        if (o.Definition is not null)
        {
            Restate(d, elements, table, column, o.Definition);
            return;
        }
        if (o.Type is not null)
        {
            var newType = d.TypeToSql(o.Type);
            copied[column.Name!] = $"CAST({copied[column.Name!]} AS {newType})";
            column.Type = newType;
        }
        if (o.Nullable is { } nullable)
        {
            column.RemoveClause("NOT");
            column.RemoveClause("NULL");
            if (!nullable) column.Clauses.Add("NOT NULL");
        }
        if (o.ChangeServerDefault)
        {
            column.RemoveClause("DEFAULT");
            if (o.ServerDefault is not null) column.Clauses.Add("DEFAULT " + SqliteDialect.Default(o.ServerDefault));
        }
        if (o.NewName is not null)
        {
            var source = copied[column.Name!];
            copied.Remove(column.Name!);
            foreach (var e in elements.Where(e => !e.IsColumn)) e.Text = RenameIdentifier(e.Text, o.Column, o.NewName, d);
            for (var i = 0; i < indexes.Count; i++) indexes[i] = RenameIdentifier(indexes[i], o.Column, o.NewName, d);
            column.Name = o.NewName;
            copied[o.NewName] = source;
        }
        column.Rebuild(d);
    }

    /// <summary>Removes the key, whether a table constraint (named or not) or in its column's definition.</summary>
    private static void DropPrimaryKey(SqliteDialect d, List<Element> elements)
    {
        foreach (var e in elements.Where(e => e.IsColumn && e.Clauses.Any(c => c.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase))))
        {
            e.RemoveClause("PRIMARY");
            e.Rebuild(d);
        }
        elements.RemoveAll(e => !e.IsColumn && e.Kind == "PRIMARY");
    }

    /// <summary>
    /// The whole column written anew from its definition (collation, generated expression, AUTOINCREMENT). An
    /// AUTOINCREMENT key is SQLite's inline INTEGER PRIMARY KEY, so the table's own PRIMARY KEY constraint gives way to
    /// it; a column that loses AUTOINCREMENT keeps its key as a table constraint.
    /// </summary>
    private static void Restate(SqliteDialect d, List<Element> elements, string table, Element column, Column definition)
    {
        var restated = Element.Parse(d.ColumnDefinition(table, definition));
        var inlineKey = restated.Clauses.Any(c => c.StartsWith("PRIMARY", StringComparison.OrdinalIgnoreCase));
        if (inlineKey) elements.RemoveAll(e => !e.IsColumn && e.Kind == "PRIMARY");
        else if (column.Clauses.Any(c => c.StartsWith("PRIMARY", StringComparison.OrdinalIgnoreCase)))
            elements.Add(Element.Parse($"CONSTRAINT {d.QuoteIdentifier(Naming.PrimaryKey(table))} PRIMARY KEY ({d.QuoteIdentifier(definition.Name)})"));
        elements[elements.IndexOf(column)] = restated;
    }

    private static Element Require(List<Element> elements, string column, string table) =>
        elements.FirstOrDefault(e => e.IsColumn && Same(e.Name!, column))
        ?? throw new RetortException($"SQLite table {table} has no column {column}.");

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string QuoteOld(SqliteDialect d, string name) => d.QuoteIdentifier(name);

    /// <summary>Whether SQL text names the column, quoted or bare.</summary>
    private static bool Mentions(string sql, string column) =>
        Regex.IsMatch(sql, $@"([""`\[]){Regex.Escape(column)}[""`\]]|\b{Regex.Escape(column)}\b", RegexOptions.IgnoreCase);

    private static string RenameIdentifier(string sql, string from, string to, SqliteDialect d) =>
        Regex.Replace(sql, $@"[""`\[]{Regex.Escape(from)}[""`\]]|(?<![\w""'])\b{Regex.Escape(from)}\b(?![\w""'])", d.QuoteIdentifier(to), RegexOptions.IgnoreCase);

    private static string RenameIndexTable(string indexSql, string from, string to, SqliteDialect d) =>
        Regex.Replace(indexSql, $@"\bON\s+(""{Regex.Escape(from)}""|{Regex.Escape(from)}\b)", "ON " + d.QuoteIdentifier(to), RegexOptions.IgnoreCase);

    /// <summary>Splits at commas outside parentheses, quotes and brackets.</summary>
    internal static List<string> SplitTopLevel(string body)
    {
        var parts = new List<string>();
        var depth = 0;
        char quote = '\0';
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '[': quote = ']'; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(body[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(body[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }

    /// <summary>One element of a CREATE TABLE body: a column (name, type, clauses) or a table constraint.</summary>
    private sealed class Element
    {
        public string Text { get; set; } = "";
        public bool IsColumn { get; private init; }
        public string? Name { get; set; }
        public string Type { get; set; } = "";
        public List<string> Clauses { get; } = [];
        public string Kind { get; private init; } = "";
        public string? ConstraintName { get; private init; }

        /// <summary>A column computed by <c>GENERATED ALWAYS AS (…)</c> or its short form <c>AS (…)</c>.</summary>
        public bool IsGenerated => IsColumn && Clauses.Any(c =>
            c.StartsWith("GENERATED", StringComparison.OrdinalIgnoreCase) || c.StartsWith("AS", StringComparison.OrdinalIgnoreCase) && (c.Length == 2 || !char.IsLetterOrDigit(c[2])));

        public static Element Parse(string text)
        {
            var tokens = Tokens(text);
            var first = tokens.Count > 0 ? tokens[0].Text : "";
            if (ConstraintStarts.Contains(first))
            {
                var named = first.Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase) && tokens.Count > 2;
                return new Element
                {
                    Text = text,
                    Kind = (named ? tokens[2].Text : first).ToUpperInvariant(),
                    ConstraintName = named ? Unquote(tokens[1].Text) : null,
                };
            }
            var e = new Element { Text = text, IsColumn = true, Name = Unquote(first) };
            // The type runs up to the first column keyword; each clause runs up to the next keyword.
            var k = 1;
            var typeEnd = tokens.Count > 1 ? tokens[1].Start : text.Length;
            while (k < tokens.Count && !ColumnKeywords.Contains(tokens[k].Text)) { typeEnd = tokens[k].End; k++; }
            e.Type = tokens.Count > 1 ? text[tokens[1].Start..typeEnd].Trim() : "";
            var clauseStart = -1;
            for (; k < tokens.Count; k++)
            {
                var t = tokens[k].Text;
                var startsClause = ColumnKeywords.Contains(t)
                    && !(t.Equals("NULL", StringComparison.OrdinalIgnoreCase) && k > 0 && (tokens[k - 1].Text.Equals("NOT", StringComparison.OrdinalIgnoreCase) || tokens[k - 1].Text.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase)))
                    && !(t.Equals("AS", StringComparison.OrdinalIgnoreCase) && k > 0 && tokens[k - 1].Text.Equals("GENERATED", StringComparison.OrdinalIgnoreCase));
                if (startsClause && !(IsInsideConstraintPrefix(tokens, k)))
                {
                    if (clauseStart >= 0) e.Clauses.Add(text[clauseStart..tokens[k].Start].Trim());
                    clauseStart = tokens[k].Start;
                }
            }
            if (clauseStart >= 0) e.Clauses.Add(text[clauseStart..].Trim());
            return e;
        }

        /// <summary>Keywords right after "CONSTRAINT name" belong to that clause.</summary>
        private static bool IsInsideConstraintPrefix(List<Token> tokens, int k) =>
            k >= 2 && tokens[k - 2].Text.Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase);

        public void RemoveClause(string keyword) =>
            Clauses.RemoveAll(c => c.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase) || c.Equals(keyword, StringComparison.OrdinalIgnoreCase)
                                   || (keyword == "PRIMARY" && c.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase)));

        public void Rebuild(SqliteDialect d)
        {
            var sb = new StringBuilder(d.QuoteIdentifier(Name!));
            if (Type.Length > 0) sb.Append(' ').Append(Type);
            foreach (var c in Clauses) sb.Append(' ').Append(c);
            Text = sb.ToString();
        }

        private static string Unquote(string s) =>
            s.Length >= 2 && (s[0] == '"' || s[0] == '`' || s[0] == '[') ? s[1..^1].Replace("\"\"", "\"") : s;
    }

    private readonly record struct Token(string Text, int Start, int End);

    /// <summary>Words, quoted names and parenthesized groups, with their positions.</summary>
    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var start = i;
            var c = text[i];
            if (c is '"' or '`' or '\'' or '[')
            {
                var endQuote = c == '[' ? ']' : c;
                i++;
                while (i < text.Length && text[i] != endQuote) i++;
                i = Math.Min(i + 1, text.Length);
            }
            else if (c == '(')
            {
                var depth = 0;
                do
                {
                    if (text[i] == '(') depth++;
                    else if (text[i] == ')') depth--;
                    i++;
                } while (i < text.Length && depth > 0);
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '(') i++;
            }
            tokens.Add(new Token(text[start..i], start, i));
        }
        return tokens;
    }
}
