using System.Text;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>
/// MariaDB's views (ALGORITHM, SQL SECURITY, CHECK OPTION, and the connection character set their string literals
/// were written in), events (CREATE/DROP EVENT), aggregate functions (dropped as functions).
/// </summary>
public partial class MySqlDialect
{
    protected override IReadOnlyList<SqlStatement> Generate(CreateViewOperation o) => CreateView(o.View, orReplace: false);

    /// <summary>CREATE OR REPLACE VIEW: the view keeps its grants.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(ReplaceViewOperation o) => CreateView(o.View, orReplace: true);

    private IReadOnlyList<SqlStatement> CreateView(ViewDefinition v, bool orReplace)
    {
        if (v.Materialized || v.Indexes.Count > 0) return base.Generate(new CreateViewOperation(v));
        var sb = new StringBuilder(orReplace ? "CREATE OR REPLACE " : "CREATE ");
        if (v.Options.Get(Name, "algorithm") is { } algorithm) sb.Append("ALGORITHM=").Append(Keyword(algorithm, "algorithm")).Append(' ');
        if (v.Options.Get(Name, "sql_security") is { } security) sb.Append("SQL SECURITY ").Append(Keyword(security, "sql_security")).Append(' ');
        sb.Append("VIEW ").Append(Qualify(v.Name, v.Schema)).Append(ViewColumns(v)).Append(" AS ").Append(v.Query);
        if (v.Options.Get(Name, "check_option") is { } check) sb.Append(" WITH ").Append(Keyword(check, "check_option")).Append(" CHECK OPTION");
        return CreatedUnder(v.Options, sb.ToString());
    }

    protected override IReadOnlyList<SqlStatement> Generate(CreateRoutineOperation o) => CreatedUnder(o.Routine.Options, o.Routine.Definition);

    protected override IReadOnlyList<SqlStatement> Generate(CreateTriggerOperation o) => CreatedUnder(o.Trigger.Options, o.Trigger.Definition);

    /// <summary>
    /// The statement run under the sql_mode and connection character set the object was created under (sql_mode
    /// changes what a body means; string literals take the connection's character set, which SHOW CREATE prints as
    /// their introducer); afterwards the session goes back to the server's sql_mode and Retort's utf8mb4.
    /// </summary>
    private IReadOnlyList<SqlStatement> CreatedUnder(IReadOnlyDictionary<string, string> options, string create)
    {
        var mode = options.Get(Name, "sql_mode");
        var client = options.Get(Name, "character_set_client");
        var collation = options.Get(Name, "collation_connection");
        var set = new List<string>();
        if (mode is not null) set.Add("sql_mode = " + StringLiteral(mode));
        if (client is not null) set.Add("character_set_client = " + Keyword(client, "character_set_client"));
        if (collation is not null) set.Add("collation_connection = " + Keyword(collation, "collation_connection"));
        if (set.Count == 0) return [create];
        var statements = new List<SqlStatement> { $"SET {string.Join(", ", set)}", create };
        if (mode is not null) statements.Add("SET sql_mode = DEFAULT");
        if (client is not null || collation is not null) statements.Add("SET NAMES utf8mb4");
        return statements;
    }

    /// <summary>An option value written as a keyword: a word, nothing that could end the statement.</summary>
    private static string Keyword(string value, string option) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value.ToUpperInvariant()
            : throw new RetortException($"Bad view option mysql.{option} = '{value}': expected a single word.");

    protected override IReadOnlyList<SqlStatement> Generate(DropRoutineOperation o) => o.Kind == RoutineKind.Event
        ? [$"DROP EVENT {Qualify(o.Name, o.Schema)}"]
        : base.Generate(o);

    /// <summary>An aggregate function is dropped as a function.</summary>
    protected override string RoutineKeyword(RoutineKind kind) => kind == RoutineKind.Aggregate ? "FUNCTION" : base.RoutineKeyword(kind);
}
