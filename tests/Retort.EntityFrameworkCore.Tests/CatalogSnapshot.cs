using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Retort.EntityFrameworkCore.Tests;

/// <summary>
/// A database's schema read straight from its catalog (pg_catalog; SQLite's pragmas and sqlite_master), never through
/// Retort's reflection, as sorted lines per kind: <c>column T.C #2 type=integer notnull default=… identity=d</c>,
/// <c>constraint T.FK_x f FOREIGN KEY (…) REFERENCES …</c>, <c>index T.IX_x CREATE INDEX …</c>. Retort's own version
/// tables are left out.
/// </summary>
public static partial class CatalogSnapshot
{
    public static async Task<List<string>> TakeAsync(EfDatabase db, bool positions = true)
    {
        await using var c = await db.OpenAsync();
        var lines = db.Dialect == "sqlite" ? await SqliteAsync(c, positions) : await PostgresAsync(c, positions);
        lines.RemoveAll(l => l.Contains(" retort_version", StringComparison.Ordinal) || l.Contains("\"retort_version", StringComparison.Ordinal));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Lines only in one of the two snapshots, marked "- " (only in <paramref name="expected"/>) and "+ ".</summary>
    public static List<string> Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        expected.Except(actual).Select(l => "- " + l).Concat(actual.Except(expected).Select(l => "+ " + l)).ToList();

    private static async Task<List<string>> PostgresAsync(DbConnection c, bool positions)
    {
        // Every schema a user made, not only public: a table elsewhere is named schema.table, one in public by its name.
        const string userSchemas = "(SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema')";
        const string tablesOfPublic = $"c.relnamespace IN {userSchemas} AND c.relkind IN ('r', 'p')";
        const string table = "CASE WHEN c.relnamespace = 'public'::regnamespace THEN '' ELSE c.relnamespace::regnamespace::text || '.' END || c.relname";
        var lines = new List<string>();
        lines.AddRange(await RowsAsync(c, $"SELECT 'table ' || {table} || ' persistence=' || c.relpersistence::text || COALESCE(' comment=' || obj_description(c.oid, 'pg_class'), '') FROM pg_class c WHERE {tablesOfPublic}"));
        lines.AddRange(await RowsAsync(c,
            $"SELECT 'column ' || {table} || '.' || a.attname "
            + (positions ? "|| ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) " : "")
            + "|| ' type=' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' notnull' ELSE '' END "
            + "|| COALESCE(' default=' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attidentity <> '' THEN ' identity=' || a.attidentity::text ELSE '' END "
            + "|| CASE WHEN a.attgenerated <> '' THEN ' generated=' || a.attgenerated::text ELSE '' END "
            + "|| CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' collation=' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END "
            + "|| COALESCE(' comment=' || col_description(c.oid, a.attnum), '') "
            + "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid "
            + $"LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum WHERE {tablesOfPublic}"));
        lines.AddRange(await RowsAsync(c,
            $"SELECT 'constraint ' || {table} || '.' || con.conname || ' ' || con.contype::text || ' ' || pg_get_constraintdef(con.oid) "
            + "|| CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END || CASE WHEN con.condeferred THEN ' deferred' ELSE '' END "
            + $"FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid WHERE {tablesOfPublic}"));
        lines.AddRange(await RowsAsync(c,
            $"SELECT 'index ' || {table} || '.' || i.relname || ' ' || pg_get_indexdef(i.oid) "
            + $"FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid WHERE {tablesOfPublic}"));
        lines.AddRange(await RowsAsync(c,
            "SELECT 'sequence ' || CASE WHEN s.schemaname = 'public' THEN '' ELSE s.schemaname || '.' END || s.sequencename || ' type=' || s.data_type::text || ' start=' || s.start_value || ' increment=' || s.increment_by "
            + "|| ' min=' || s.min_value || ' max=' || s.max_value || ' cycle=' || s.cycle || ' cache=' || s.cache_size FROM pg_sequences s WHERE s.schemaname NOT LIKE 'pg\\_%'"));
        lines.AddRange(await RowsAsync(c, $"SELECT 'type ' || t.typname || ' ' || t.typtype::text FROM pg_type t WHERE t.typnamespace IN {userSchemas} AND t.typtype IN ('e', 'd')"));
        lines.AddRange(await RowsAsync(c, $"SELECT 'view ' || {table} FROM pg_class c WHERE c.relnamespace IN {userSchemas} AND c.relkind IN ('v', 'm')"));
        return lines;
    }

    private static async Task<List<string>> SqliteAsync(DbConnection c, bool positions)
    {
        var lines = new List<string>();
        var tables = await RowsAsync(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var t in tables)
        {
            var q = t.Replace("'", "''");
            lines.AddRange(await RowsAsync(c, $"SELECT 'table {q}' || ' strict=' || strict || ' without_rowid=' || wr FROM pragma_table_list('{q}') WHERE schema = 'main'"));
            lines.AddRange(await RowsAsync(c,
                $"SELECT 'column {q}.' || name " + (positions ? "|| ' #' || cid " : "")
                + "|| ' type=' || type || CASE WHEN \"notnull\" = 1 THEN ' notnull' ELSE '' END || COALESCE(' default=' || dflt_value, '') "
                + $"|| CASE WHEN pk > 0 THEN ' pk=' || pk ELSE '' END || CASE WHEN hidden <> 0 THEN ' hidden=' || hidden ELSE '' END FROM pragma_table_xinfo('{q}')"));
            lines.AddRange(await RowsAsync(c,
                $"SELECT 'index {q}.' || il.name || ' unique=' || il.\"unique\" || ' origin=' || il.origin || ' partial=' || il.partial || ' (' || "
                + "(SELECT group_concat(COALESCE(x.name, '<expr>') || CASE WHEN x.\"desc\" THEN ' DESC' ELSE '' END || ' ' || x.coll, ', ') FROM "
                + "(SELECT * FROM pragma_index_xinfo(il.name) WHERE key = 1 ORDER BY seqno) x) || ')' "
                + $"FROM pragma_index_list('{q}') il"));
            lines.AddRange(await RowsAsync(c,
                "SELECT 'foreign key " + q + " (' || group_concat(\"from\", ', ') || ') -> ' || \"table\" || ' (' || group_concat(\"to\", ', ') || ') on update ' || on_update || ' on delete ' || on_delete || ' match ' || \"match\" "
                + $"FROM (SELECT * FROM pragma_foreign_key_list('{q}') ORDER BY id, seq) GROUP BY id"));
            var sql = (await RowsAsync(c, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{q}'")).Single();
            if (AutoincrementPattern().IsMatch(sql)) lines.Add($"autoincrement {t}");
            // Constraint names, check conditions and index predicates are kept only in the SQL text.
            foreach (Match m in ConstraintPattern().Matches(sql))
                lines.Add($"constraint {t}.{m.Groups["name"].Value} {Regex.Replace(m.Groups["kind"].Value.ToUpperInvariant(), @"\s+", " ")}");
            foreach (var check in Checks(sql)) lines.Add($"check {t} {check}");
            // Column collations and generation expressions are kept only in the SQL text too.
            foreach (var column in ColumnDefinitions(sql))
            {
                if (CollatePattern().Match(column.Definition) is { Success: true } collate) lines.Add($"collation {t}.{column.Name} {collate.Groups[1].Value.ToUpperInvariant()}");
                if (GeneratedPattern().Match(column.Definition) is { Success: true } generated)
                {
                    var start = generated.Index + generated.Length;
                    var depth = 1;
                    var i = start;
                    for (; i < column.Definition.Length && depth > 0; i++)
                        depth += column.Definition[i] switch { '(' => 1, ')' => -1, _ => 0 };
                    var stored = column.Definition[i..].Contains("STORED", StringComparison.OrdinalIgnoreCase);
                    lines.Add($"generated {t}.{column.Name} {Squeeze(column.Definition[start..(i - 1)])}{(stored ? " STORED" : " VIRTUAL")}");
                }
            }
        }
        foreach (var row in await RowsAsync(c, "SELECT name || char(1) || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        {
            var parts = row.Split('\u0001');
            if (WherePattern().Match(parts[1]) is { Success: true } w) lines.Add($"index predicate {parts[0]} {Squeeze(w.Groups[1].Value)}");
        }
        lines.AddRange(await RowsAsync(c, "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('view', 'trigger')"));
        return lines;
    }

    /// <summary>Each CHECK (…) condition of a CREATE TABLE, parentheses balanced, spacing and quotes folded.</summary>
    private static IEnumerable<string> Checks(string sql)
    {
        foreach (Match m in CheckPattern().Matches(sql))
        {
            var start = m.Index + m.Length;
            var depth = 1;
            var i = start;
            for (; i < sql.Length && depth > 0; i++)
                depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
            yield return Squeeze(sql[start..(i - 1)]);
        }
    }

    /// <summary>The column definitions of a CREATE TABLE (top-level parts starting with a name, not a constraint).</summary>
    private static IEnumerable<(string Name, string Definition)> ColumnDefinitions(string sql)
    {
        var open = sql.IndexOf('(');
        var body = sql[(open + 1)..sql.LastIndexOf(')')];
        var parts = new List<string>();
        var depth = 0;
        var quote = '\0';
        var from = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var ch = body[i];
            if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
            if (ch is '"' or '\'' or '`' or '[') { quote = ch == '[' ? ']' : ch; continue; }
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) { parts.Add(body[from..i]); from = i + 1; }
        }
        parts.Add(body[from..]);
        foreach (var part in parts.Select(p => p.Trim()))
        {
            if (TableConstraintPattern().IsMatch(part)) continue;
            var name = NamePattern().Match(part);
            yield return (name.Groups[1].Value.Trim('"', '`', '[', ']'), part[name.Length..]);
        }
    }

    private static string Squeeze(string s) => Regex.Replace(s.Replace("\"", "").Replace("`", ""), @"\s+", " ").Trim();

    private static async Task<List<string>> RowsAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add(r.IsDBNull(0) ? "NULL" : Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
        return rows;
    }

    [GeneratedRegex(@"CONSTRAINT\s+[""`\[]?(?<name>[^""`\]\s]+)[""`\]]?\s+(?<kind>PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)", RegexOptions.IgnoreCase)]
    private static partial Regex ConstraintPattern();

    [GeneratedRegex(@"\bCHECK\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CheckPattern();

    [GeneratedRegex(@"\bCOLLATE\s+[""`\[]?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CollatePattern();

    [GeneratedRegex(@"\bAS\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedPattern();

    [GeneratedRegex(@"^(CONSTRAINT|PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableConstraintPattern();

    [GeneratedRegex(@"^(""[^""]*""|`[^`]*`|\[[^\]]*\]|\S+)")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex AutoincrementPattern();

    [GeneratedRegex(@"\bWHERE\b(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WherePattern();
}
