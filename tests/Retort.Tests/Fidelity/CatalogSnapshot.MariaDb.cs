using System.Data.Common;
using System.Text.RegularExpressions;
using static Retort.Tests.Fidelity.CatalogQuery;

namespace Retort.Tests.Fidelity;

/// <summary>MariaDB/MySQL: the current database from information_schema, plus the table options only SHOW CREATE TABLE spells.</summary>
internal static partial class MariaDbCatalog
{
    private const string Here = "table_schema = DATABASE()";

    public static async Task ReadAsync(DbConnection c, CatalogSnapshot s, HashSet<string> ignored)
    {
        string T(string table) => "table " + table;

        var tables = new List<string>();
        foreach (var r in await RowsAsync(c, $"SELECT table_name, engine, table_collation, create_options, table_comment FROM information_schema.tables WHERE {Here} AND table_type = 'BASE TABLE'"))
        {
            if (ignored.Contains(r[0]!)) continue;
            tables.Add(r[0]!);
            var t = T(r[0]!);
            const string k = "table";
            s.Object(t, k);
            s.Add(t, k, "engine", r[1]);
            s.Add(t, k, "collation", r[2]);
            s.Add(t, k, "create options", string.IsNullOrEmpty(r[3]) ? null : r[3]);
            s.Add(t, k, "comment", string.IsNullOrEmpty(r[4]) ? null : r[4]);
        }
        foreach (var table in tables)
        {
            // The options after the closing parenthesis, minus what information_schema already gave and the counter.
            var create = (await RowsAsync(c, $"SHOW CREATE TABLE `{table.Replace("`", "``", StringComparison.Ordinal)}`"))[0][1]!;
            // The column list closes on a line of its own: ") ENGINE=…"; partition clauses after it keep their parentheses.
            var close = create.IndexOf("\n)", StringComparison.Ordinal);
            var tail = close < 0 ? "" : create[(close + 2)..];
            tail = OptionNoise().Replace(tail, " ");
            s.Add(T(table), "table", "other options", string.IsNullOrWhiteSpace(tail) ? null : Squash(tail));
        }

        foreach (var r in await RowsAsync(c, $"""
            SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, extra, generation_expression,
                   character_set_name, collation_name, column_comment
            FROM information_schema.columns WHERE {Here}
            """))
        {
            if (!tables.Contains(r[0]!)) continue;
            var col = $"{T(r[0]!)}: column {r[1]}";
            const string k = "column";
            s.Object(col, k);
            s.Add(col, k, "position", r[2]);
            s.Add(col, k, "type", r[3]);
            s.Add(col, k, "nullable", r[4] == "YES" ? "yes" : "no");
            var extra = r[6] ?? "";
            var generated = extra.Contains("GENERATED", StringComparison.OrdinalIgnoreCase);
            if (generated) s.Add(col, k, "generated", $"{r[7]} {(extra.Contains("STORED", StringComparison.OrdinalIgnoreCase) ? "stored" : "virtual")}");
            else s.Add(col, k, "default", r[5]);
            s.Add(col, k, "auto increment", extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase) ? "yes" : null);
            var onUpdate = OnUpdate().Match(extra);
            s.Add(col, k, "on update", onUpdate.Success ? onUpdate.Groups[1].Value : null);
            s.Add(col, k, "invisible", extra.Contains("INVISIBLE", StringComparison.OrdinalIgnoreCase) ? "yes" : null);
            s.Add(col, k, "charset", r[8]);
            s.Add(col, k, "collation", r[9]);
            s.Add(col, k, "comment", string.IsNullOrEmpty(r[10]) ? null : r[10]);
        }

        // Flat reads of each view joined here: MariaDB 10.11 can crash (segfault in its join cache) on correlated
        // subqueries over information_schema while other connections run DDL, as the parallel tests do.
        var keyColumns = new Dictionary<(string, string), List<string?[]>>();
        foreach (var r in await RowsAsync(c, """
            SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name
            FROM information_schema.key_column_usage WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name, ordinal_position
            """))
        {
            if (!keyColumns.TryGetValue((r[0]!, r[1]!), out var list)) keyColumns[(r[0]!, r[1]!)] = list = [];
            list.Add(r);
        }
        var rules = new Dictionary<(string, string), string?[]>();
        foreach (var r in await RowsAsync(c, "SELECT table_name, constraint_name, update_rule, delete_rule, match_option FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"))
            rules[(r[0]!, r[1]!)] = r;
        var checks = new Dictionary<(string, string), string?>();
        foreach (var r in await RowsAsync(c, "SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()"))
            checks.TryAdd((r[0]!, r[1]!), r[2]);

        foreach (var r in await RowsAsync(c, "SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints WHERE constraint_schema = DATABASE()"))
        {
            if (!tables.Contains(r[0]!)) continue;
            var key = (r[0]!, r[1]!);
            var kind = r[2]!.ToLowerInvariant();
            var con = $"{T(r[0]!)}: constraint {r[1]}";
            var parts = keyColumns.GetValueOrDefault(key) ?? [];
            s.Object(con, kind);
            s.Add(con, kind, "type", kind);
            if (kind != "check") s.Add(con, kind, "columns", parts.Count == 0 ? null : string.Join(", ", parts.Select(p => p[2])));
            if (kind == "foreign key")
            {
                var referenced = parts.Where(p => p[3] is not null).ToList();
                s.Add(con, kind, "references", referenced.Count == 0 ? null
                    : $"{referenced.Select(p => p[3]!).Min(StringComparer.Ordinal)} ({string.Join(", ", referenced.Select(p => p[4]))})");
                var rule = rules.GetValueOrDefault(key);
                s.Add(con, kind, "on update", rule?[2]?.ToLowerInvariant());
                s.Add(con, kind, "on delete", rule?[3]?.ToLowerInvariant());
                s.Add(con, kind, "match", rule?[4]?.ToLowerInvariant());
            }
            if (kind == "check") s.Add(con, kind, "definition", checks.GetValueOrDefault(key));
        }

        // Every index, the primary key's and the implicit ones foreign keys create included: each is an object with a name here.
        var indexes = new SortedDictionary<string, List<string?[]>>(StringComparer.Ordinal);
        foreach (var r in await RowsAsync(c, $"""
            SELECT table_name, index_name, non_unique, seq_in_index, column_name, sub_part, collation, index_type, index_comment
            FROM information_schema.statistics WHERE {Here} ORDER BY table_name, index_name, seq_in_index
            """))
        {
            if (!tables.Contains(r[0]!)) continue;
            var ix = $"{T(r[0]!)}: index {r[1]}";
            if (!indexes.TryGetValue(ix, out var parts)) indexes[ix] = parts = [];
            parts.Add(r);
        }
        foreach (var (ix, parts) in indexes)
        {
            const string k = "index";
            s.Object(ix, k);
            s.Add(ix, k, "unique", parts[0][2] == "0" ? "yes" : "no");
            s.Add(ix, k, "method", parts[0][7]);
            s.Add(ix, k, "columns", string.Join(", ", parts.Select(p => p[4] + (p[5] is null ? "" : $"({p[5]})") + (p[6] == "D" ? " DESC" : ""))));
            s.Add(ix, k, "comment", string.IsNullOrEmpty(parts[0][8]) ? null : parts[0][8]);
        }

        // Views, triggers, routines and events with what they were created under (sql_mode, the connection's character
        // set); a view's text as information_schema prints it, with the database's own name taken out of it.
        var database = (await RowsAsync(c, "SELECT DATABASE()"))[0][0]!;
        var qualifier = "`" + database.Replace("`", "``", StringComparison.Ordinal) + "`.";
        foreach (var r in await RowsAsync(c, $"SELECT table_name, view_definition, check_option, security_type, algorithm, character_set_client, collation_connection FROM information_schema.views WHERE {Here}"))
        {
            var v = "view " + r[0];
            s.Object(v, "view");
            s.Add(v, "view", "definition", Squash((r[1] ?? "").Replace(qualifier, "", StringComparison.Ordinal)));
            s.Add(v, "view", "options", $"check {r[2]}, security {r[3]}, algorithm {r[4]}");
            s.Add(v, "view", "created under", $"{r[5]} {r[6]}");
        }
        foreach (var r in await RowsAsync(c, "SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement, action_order, sql_mode, character_set_client, collation_connection FROM information_schema.triggers WHERE trigger_schema = DATABASE()"))
        {
            var tg = $"{T(r[0]!)}: trigger {r[1]}";
            s.Object(tg, "trigger");
            s.Add(tg, "trigger", "definition", Squash($"{r[2]} {r[3]} {r[4]}"));
            s.Add(tg, "trigger", "order", r[5]);
            s.Add(tg, "trigger", "created under", $"{r[6]}; {r[7]} {r[8]}");
        }
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in await RowsAsync(c, "SELECT specific_name, parameter_mode, parameter_name, dtd_identifier FROM information_schema.parameters WHERE specific_schema = DATABASE() AND ordinal_position > 0 ORDER BY specific_name, ordinal_position"))
        {
            if (!parameters.TryGetValue(r[0]!, out var list)) parameters[r[0]!] = list = [];
            list.Add(Squash($"{r[1]} {r[2]} {r[3]}"));
        }
        foreach (var r in await RowsAsync(c, """
            SELECT routine_name, routine_type, dtd_identifier, MD5(routine_definition), is_deterministic, sql_data_access, security_type, routine_comment,
                   sql_mode, character_set_client, collation_connection
            FROM information_schema.routines WHERE routine_schema = DATABASE()
            """))
        {
            var rt = $"routine {r[0]}";
            s.Object(rt, "routine");
            s.Add(rt, "routine", "body md5", $"{r[1]} {r[3]}");
            s.Add(rt, "routine", "signature", $"({string.Join(", ", parameters.GetValueOrDefault(r[0]!) ?? [])}) returns {r[2] ?? "-"}");
            s.Add(rt, "routine", "characteristics", $"deterministic {r[4]}, {r[5]}, security {r[6]}, comment '{r[7]}'");
            s.Add(rt, "routine", "created under", $"{r[8]}; {r[9]} {r[10]}");
        }
        foreach (var r in await RowsAsync(c, """
            SELECT event_name, MD5(event_definition), event_type, execute_at, interval_value, interval_field, starts, ends, status, on_completion, event_comment,
                   sql_mode, character_set_client, collation_connection
            FROM information_schema.events WHERE event_schema = DATABASE()
            """))
        {
            var ev = $"event {r[0]}";
            s.Object(ev, "event");
            s.Add(ev, "event", "body md5", r[1]);
            s.Add(ev, "event", "schedule", $"{r[2]} at {r[3]} every {r[4]} {r[5]} starts {r[6]} ends {r[7]}");
            s.Add(ev, "event", "status", $"{r[8]}, {r[9]}, comment '{r[10]}'");
            s.Add(ev, "event", "created under", $"{r[11]}; {r[12]} {r[13]}");
        }
    }

    [GeneratedRegex(@"\s*(AUTO_INCREMENT=\d+|ENGINE=\w+|DEFAULT CHARSET=\w+|CHARSET=\w+|COLLATE=\w+|COMMENT='(?:[^']|'')*')", RegexOptions.IgnoreCase)]
    private static partial Regex OptionNoise();

    [GeneratedRegex(@"on update (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex OnUpdate();
}
