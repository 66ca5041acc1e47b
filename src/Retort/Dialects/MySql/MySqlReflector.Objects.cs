using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>
/// Views, routines, triggers and events, in the form the server prints them: a fixed number of queries whatever the
/// number of objects. A view's text comes from SHOW CREATE VIEW, all views in one batched command, because
/// information_schema.VIEWS drops character-set introducers (<c>_utf8mb3' '</c>) and qualifies every name with the
/// database; a routine from mysql.proc, which keeps the parameter list as written (information_schema.PARAMETERS
/// respells it), put together as SHOW CREATE prints it; triggers and events from information_schema.
/// </summary>
public partial class MySqlReflector
{
    /// <summary>The settings a routine, trigger or event was created under, then the session's own: the last six columns.</summary>
    private const string Settings = "sql_mode, character_set_client, collation_connection, @@sql_mode, @@character_set_client, @@collation_connection";

    private const string ViewsQuery =
        "SELECT table_name, check_option, security_type, algorithm, '', character_set_client, collation_connection, "
        + "'', @@character_set_client, @@collation_connection FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY table_name";

    private const string RoutinesQuery =
        "SELECT name, type, CONVERT(param_list USING utf8mb4), CONVERT(returns USING utf8mb4), CONVERT(body_utf8 USING utf8mb4), "
        + "sql_data_access, is_deterministic, security_type, comment, aggregate, " + Settings + " FROM mysql.proc WHERE db = DATABASE() ORDER BY type, name";

    private const string TriggersQuery =
        "SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement, " + Settings + " FROM information_schema.triggers "
        + "WHERE trigger_schema = DATABASE() ORDER BY event_object_table, action_timing, event_manipulation, action_order";

    private const string EventsQuery =
        "SELECT event_name, event_definition, event_type, execute_at, interval_value, interval_field, starts, ends, status, on_completion, event_comment, " + Settings + " "
        + "FROM information_schema.events WHERE event_schema = DATABASE() ORDER BY event_name";

    private async Task<List<ViewDefinition>> ReadViewsAsync(DbConnection connection, CancellationToken ct)
    {
        var rows = await QueryAsync(connection, ViewsQuery, ct);
        var texts = await QueryBatchAsync(connection, rows.Select(r => "SHOW CREATE VIEW " + Quote(S(r[0]))).ToList(), ct);
        var names = rows.Select(r => S(r[0])).ToList();
        var views = new List<ViewDefinition>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var (columns, query) = ParseShowCreateView(S(r[0]), S(texts[i][0][1]));
            var options = new Dictionary<string, string>();
            if (S(r[3]) is var algorithm && !algorithm.Equals("UNDEFINED", StringComparison.OrdinalIgnoreCase)) options["mysql.algorithm"] = algorithm;
            if (S(r[2]) is var security && !security.Equals("DEFINER", StringComparison.OrdinalIgnoreCase)) options["mysql.sql_security"] = security;
            if (S(r[1]) is var check && !check.Equals("NONE", StringComparison.OrdinalIgnoreCase)) options["mysql.check_option"] = check;
            // The connection character set at creation decides how string literals print (their introducers).
            foreach (var (key, value) in CreatedUnder(r)) options[key] = value;
            views.Add(new ViewDefinition(S(r[0]), query)
            {
                Columns = columns,
                Options = options,
                DependsOn = names.Where(n => n != S(r[0]) && query.Contains(Quote(n), StringComparison.OrdinalIgnoreCase)).ToList(),
            });
        }
        return views;
    }

    /// <summary>
    /// <c>CREATE ALGORITHM=… DEFINER=… SQL SECURITY … VIEW `v` [(`a`,`b`)] AS select … [WITH … CHECK OPTION]</c>:
    /// the column list and the query.
    /// </summary>
    internal static (IReadOnlyList<string> Columns, string Query) ParseShowCreateView(string name, string create)
    {
        var head = "VIEW " + Quote(name);
        var at = create.IndexOf(head, StringComparison.Ordinal);
        if (at < 0) throw new RetortException($"Cannot read SHOW CREATE VIEW of {name}: {create}");
        var rest = create[(at + head.Length)..];
        var columns = new List<string>();
        if (rest.StartsWith(" (", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(") AS ", StringComparison.Ordinal);
            columns.AddRange(Regex.Matches(rest[2..close], "`((?:[^`]|``)*)`").Select(m => m.Groups[1].Value.Replace("``", "`")));
            rest = rest[(close + 1)..];
        }
        if (!rest.StartsWith(" AS ", StringComparison.Ordinal)) throw new RetortException($"Cannot read SHOW CREATE VIEW of {name}: {create}");
        var query = CheckOption().Replace(rest[4..], "");
        return (columns, query);
    }

    private async Task<List<RoutineDefinition>> ReadRoutinesAsync(DbConnection connection, CancellationToken ct)
    {
        var routines = new List<RoutineDefinition>();
        foreach (var r in await QueryAsync(connection, RoutinesQuery, ct))
        {
            var function = S(r[1]).Equals("FUNCTION", StringComparison.OrdinalIgnoreCase);
            var aggregate = S(r[9]).Equals("GROUP", StringComparison.OrdinalIgnoreCase);
            var kind = aggregate ? RoutineKind.Aggregate : function ? RoutineKind.Function : RoutineKind.Procedure;
            routines.Add(new RoutineDefinition(S(r[0]), kind, ShowCreateRoutine(S(r[0]), kind, S(r[2]), S(r[3]), S(r[4]), S(r[5]), B(r[6]), S(r[7]), S(r[8])))
            {
                Options = CreatedUnder(r),
            });
        }
        return routines;
    }

    /// <summary>SHOW CREATE FUNCTION / PROCEDURE's text without DEFINER (MariaDB's sp_head::show_create_routine).</summary>
    private static string ShowCreateRoutine(string name, RoutineKind kind, string parameters, string returns, string body,
        string dataAccess, bool deterministic, string security, string comment)
    {
        var sb = new StringBuilder("CREATE ");
        sb.Append(kind switch { RoutineKind.Aggregate => "AGGREGATE FUNCTION ", RoutineKind.Function => "FUNCTION ", _ => "PROCEDURE " });
        sb.Append(Quote(name)).Append('(').Append(parameters).Append(')');
        if (kind != RoutineKind.Procedure) sb.Append(" RETURNS ").Append(returns);
        sb.Append('\n');
        var access = dataAccess.ToUpperInvariant().Replace('_', ' ');
        if (access is "NO SQL" or "READS SQL DATA" or "MODIFIES SQL DATA") sb.Append("    ").Append(access).Append('\n');
        if (deterministic) sb.Append("    DETERMINISTIC\n");
        if (security.Equals("INVOKER", StringComparison.OrdinalIgnoreCase)) sb.Append("    SQL SECURITY INVOKER\n");
        if (comment.Length > 0) sb.Append("    COMMENT ").Append(Escaped(comment)).Append('\n');
        return sb.Append(body).ToString();
    }

    private async Task<List<TriggerDefinition>> ReadTriggersAsync(DbConnection connection, Func<string, bool> includeTable, CancellationToken ct) =>
        (await QueryAsync(connection, TriggersQuery, ct)).Where(r => includeTable(S(r[1])))
            .Select(r => new TriggerDefinition(S(r[0]), S(r[1]),
                $"CREATE TRIGGER {Quote(S(r[0]))} {S(r[2])} {S(r[3])} ON {Quote(S(r[1]))} FOR EACH ROW {S(r[4])}") { Options = CreatedUnder(r) }).ToList();

    private async Task<List<RoutineDefinition>> ReadEventsAsync(DbConnection connection, CancellationToken ct) =>
        (await QueryAsync(connection, EventsQuery, ct)).Select(r => new RoutineDefinition(S(r[0]), RoutineKind.Event, ShowCreateEvent(r)) { Options = CreatedUnder(r) }).ToList();

    /// <summary>
    /// sql_mode (which changes what a body means) and the connection character set (how its literals read), kept
    /// where they differ from the session reading them; from the row's last six columns (<see cref="Settings"/>).
    /// </summary>
    private static Dictionary<string, string> CreatedUnder(object?[] r)
    {
        var options = new Dictionary<string, string>();
        var at = r.Length - 6;
        string[] keys = ["mysql.sql_mode", "mysql.character_set_client", "mysql.collation_connection"];
        for (var i = 0; i < 3; i++)
            if (!S(r[at + i]).Equals(S(r[at + 3 + i]), StringComparison.OrdinalIgnoreCase)) options[keys[i]] = S(r[at + i]);
        return options;
    }

    /// <summary>SHOW CREATE EVENT's text without DEFINER (MariaDB's Event_timed::get_create_event).</summary>
    private static string ShowCreateEvent(object?[] r)
    {
        var sb = new StringBuilder("CREATE EVENT ").Append(Quote(S(r[0]))).Append(" ON SCHEDULE ");
        if (S(r[2]).Equals("ONE TIME", StringComparison.OrdinalIgnoreCase)) sb.Append("AT ").Append(Literal(Timestamp(r[3])));
        else
        {
            var interval = S(r[4]);
            sb.Append("EVERY ").Append(interval.All(char.IsDigit) ? interval : Literal(interval)).Append(' ').Append(S(r[5]));
            if (r[6] is not null) sb.Append(" STARTS ").Append(Literal(Timestamp(r[6])));
            if (r[7] is not null) sb.Append(" ENDS ").Append(Literal(Timestamp(r[7])));
        }
        sb.Append(" ON COMPLETION ").Append(S(r[9]).Equals("PRESERVE", StringComparison.OrdinalIgnoreCase) ? "PRESERVE" : "NOT PRESERVE");
        sb.Append(S(r[8]).ToUpperInvariant() switch { "ENABLED" => " ENABLE", "DISABLED" => " DISABLE", _ => " DISABLE ON SLAVE" });
        if (S(r[10]).Length > 0) sb.Append(" COMMENT ").Append(Escaped(S(r[10])));
        return sb.Append(" DO ").Append(S(r[1])).ToString();
    }

    private static string Timestamp(object? v) => v is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : S(v);

    private static string Quote(string name) => "`" + name.Replace("`", "``") + "`";

    private static string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    /// <summary>A comment as SHOW CREATE prints it (MariaDB's append_unescaped): backslash escapes.</summary>
    private static string Escaped(string value)
    {
        var sb = new StringBuilder("'");
        foreach (var c in value)
            sb.Append(c switch { '\\' => "\\\\", '\'' => "\\'", '\n' => "\\n", '\r' => "\\r", '\0' => "\\0", '\x1a' => "\\Z", _ => c.ToString() });
        return sb.Append('\'').ToString();
    }

    [GeneratedRegex(@" WITH (CASCADED|LOCAL) CHECK OPTION$")]
    private static partial Regex CheckOption();
}
