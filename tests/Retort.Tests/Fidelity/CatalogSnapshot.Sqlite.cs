using System.Data.Common;
using static Retort.Tests.Fidelity.CatalogQuery;

namespace Retort.Tests.Fidelity;

/// <summary>
/// SQLite: sqlite_master and the table-valued pragmas (table_list, table_xinfo, index_list, index_xinfo, foreign_key_list),
/// plus what only the CREATE text holds (<see cref="SqliteDdl"/>). Declared types are kept exactly as written.
/// </summary>
internal static class SqliteCatalog
{
    public static async Task ReadAsync(DbConnection c, CatalogSnapshot s, HashSet<string> ignored)
    {
        string T(string table) => "table " + table;
        string Q(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

        var tables = new List<(string Name, string Sql)>();
        foreach (var r in await RowsAsync(c, "SELECT m.name, m.sql, l.wr, l.strict FROM sqlite_master m JOIN pragma_table_list l ON l.name = m.name AND l.schema = 'main' WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"))
        {
            if (ignored.Contains(r[0]!)) continue;
            tables.Add((r[0]!, r[1]!));
            var t = T(r[0]!);
            s.Object(t, "table");
            s.Add(t, "table", "without rowid", r[2] == "1" ? "yes" : null);
            s.Add(t, "table", "strict", r[3] == "1" ? "yes" : null);
        }

        foreach (var (table, sql) in tables)
        {
            var ddl = SqliteDdl.ParseTable(sql);
            var defs = ddl.Columns.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

            foreach (var r in await RowsAsync(c, $"SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo({Q(table)})"))
            {
                var col = $"{T(table)}: column {r[1]}";
                const string k = "column";
                s.Object(col, k);
                s.Add(col, k, "position", (int.Parse(r[0]!) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                s.Add(col, k, "type", r[2]); // as declared: NVARCHAR(160) stays NVARCHAR(160)
                s.Add(col, k, "nullable", r[3] == "1" ? "no" : "yes");
                s.Add(col, k, "default", r[4]);
                s.Add(col, k, "primary key position", r[5] == "0" ? null : r[5]);
                defs.TryGetValue(r[1]!, out var def);
                s.Add(col, k, "generated", r[6] is "2" or "3" ? def?.Generated ?? (r[6] == "3" ? "stored" : "virtual") : null);
                s.Add(col, k, "hidden", r[6] == "1" ? "yes" : null);
                s.Add(col, k, "collation", def?.Collation);
                s.Add(col, k, "autoincrement", def?.Autoincrement == true ? "yes" : null);
            }

            var constraints = ddl.Constraints.Concat(ddl.Columns.SelectMany(d => d.Constraints)).ToList();
            var pk = constraints.FirstOrDefault(x => x.Kind == "primary key");
            if (pk is not null)
            {
                var p = $"{T(table)}: primary key";
                s.Object(p, "primary key");
                s.Add(p, "primary key", "columns", string.Join(", ", pk.Columns));
                s.Add(p, "primary key", "name", pk.Name);
                // The key's own index (none for a rowid alias) keeps the columns' order: DESC shows there.
                var descending = await RowsAsync(c, $"SELECT ii.name FROM pragma_index_list({Q(table)}) il JOIN pragma_index_xinfo(il.name) ii WHERE il.origin = 'pk' AND ii.key = 1 AND ii.\"desc\" = 1 ORDER BY ii.seqno");
                s.Add(p, "primary key", "descending", descending.Count == 0 ? null : string.Join(", ", descending.Select(r => r[0])));
            }
            foreach (var u in constraints.Where(x => x.Kind == "unique"))
            {
                var subject = $"{T(table)}: unique ({string.Join(", ", u.Columns)})";
                s.Object(subject, "unique");
                s.Add(subject, "unique", "name", u.Name);
            }
            foreach (var ck in constraints.Where(x => x.Kind == "check"))
            {
                var subject = $"{T(table)}: check ({ck.Check})";
                s.Object(subject, "check");
                s.Add(subject, "check", "name", ck.Name);
                s.Add(subject, "check", "level", ck.Columns.Count == 0 ? "table" : "column " + ck.Columns[0]);
            }

            // pragma_foreign_key_list: one row per column; the CREATE text adds the name and DEFERRABLE.
            var fks = (await RowsAsync(c, $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\" FROM pragma_foreign_key_list({Q(table)}) ORDER BY id, seq"))
                .GroupBy(r => r[0]).ToList();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var fk in fks.OrderBy(g => string.Join(",", g.Select(r => r[3])), StringComparer.Ordinal))
            {
                var from = string.Join(", ", fk.Select(r => r[3]));
                var n = seen[from] = seen.GetValueOrDefault(from) + 1;
                var subject = $"{T(table)}: foreign key ({from})" + (n > 1 ? $" #{n}" : "");
                const string k = "foreign key";
                var first = fk.First();
                s.Object(subject, k);
                // A missing target column list means the parent's primary key: pragma then reports NULL.
                s.Add(subject, k, "references", $"{first[2]} ({string.Join(", ", fk.Select(r => r[4] ?? "(primary key)"))})");
                s.Add(subject, k, "on update", first[5]?.ToLowerInvariant());
                s.Add(subject, k, "on delete", first[6]?.ToLowerInvariant());
                s.Add(subject, k, "match", first[7]?.ToLowerInvariant());
                var parsed = constraints.Where(x => x.Kind == "foreign key" && string.Join(", ", x.Columns).Equals(from, StringComparison.OrdinalIgnoreCase)).Skip(n - 1).FirstOrDefault();
                s.Add(subject, k, "name", parsed?.Name);
                s.Add(subject, k, "deferrable", parsed?.Deferrable == true ? (parsed.InitiallyDeferred ? "initially deferred" : "initially immediate") : null);
            }

            // Indexes created by CREATE INDEX (origin c); the automatic ones of PRIMARY KEY / UNIQUE are the constraints above.
            foreach (var ix in await RowsAsync(c, $"SELECT l.name, l.\"unique\", l.partial, m.sql FROM pragma_index_list({Q(table)}) l JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name WHERE l.origin = 'c'"))
            {
                var subject = $"{T(table)}: index {ix[0]}";
                const string k = "index";
                var parsed = SqliteDdl.ParseIndex(ix[3]!);
                var cols = new List<string>();
                foreach (var r in await RowsAsync(c, $"SELECT seqno, cid, name, \"desc\", coll FROM pragma_index_xinfo({Q(ix[0]!)}) WHERE key = 1 ORDER BY seqno"))
                {
                    var seqno = int.Parse(r[0]!);
                    var item = r[1] == "-2" && seqno < parsed.Items.Count ? Strip(parsed.Items[seqno]) : r[2]!;
                    cols.Add(item + (r[4] is null or "BINARY" ? "" : " COLLATE " + r[4]) + (r[3] == "1" ? " DESC" : ""));
                }
                s.Object(subject, k);
                s.Add(subject, k, "unique", ix[1] == "1" ? "yes" : "no");
                s.Add(subject, k, "columns", string.Join(", ", cols));
                s.Add(subject, k, "where", ix[2] == "1" ? parsed.Where : null);
            }
        }

        // Views and triggers by their CREATE text as sqlite_master keeps it, token by token; a simple name is one name
        // quoted or not (CREATE VIEW "v" and CREATE VIEW v), as in the dump comparison (SqliteDdl.Canonical).
        foreach (var r in await RowsAsync(c, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger')"))
        {
            if (ignored.Contains(r[2]!)) continue;
            var subject = r[0] == "view" ? "view " + r[1] : $"{T(r[2]!)}: trigger {r[1]}";
            s.Object(subject, r[0]!);
            s.Add(subject, r[0]!, "definition", SqliteDdl.Normalize(SqliteDdl.Canonical(r[3] ?? "")));
        }
        // The order triggers on one table fire in (SQLite fires the most recently created first): creation order.
        foreach (var g in (await RowsAsync(c, "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")).GroupBy(r => r[0]!))
        {
            if (ignored.Contains(g.Key)) continue;
            s.Add(T(g.Key), "table", "trigger order", string.Join(", ", g.Select(r => r[1])));
        }
    }

    // An index item as written, minus its ordering and collation (reported from the pragma).
    private static string Strip(string item)
    {
        var words = item.Split(' ');
        var end = words.Length;
        if (end > 0 && (words[end - 1].Equals("DESC", StringComparison.OrdinalIgnoreCase) || words[end - 1].Equals("ASC", StringComparison.OrdinalIgnoreCase))) end--;
        if (end > 1 && words[end - 2].Equals("COLLATE", StringComparison.OrdinalIgnoreCase)) end -= 2;
        return string.Join(' ', words[..end]);
    }
}
