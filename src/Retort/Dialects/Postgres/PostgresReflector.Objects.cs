using System.Data.Common;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Dialects.Postgres;

/// <summary>Views, routines, triggers and extensions, each in one query (<see cref="PostgresObjectQueries"/>).</summary>
public partial class PostgresReflector
{
    private sealed record Objects(
        List<ViewDefinition> Views, List<RoutineDefinition> Routines, List<TriggerDefinition> Triggers,
        List<ExtensionDefinition> Extensions, List<UnsupportedObject> Unsupported);

    private async Task<Objects> ReadObjectsAsync(DbConnection connection, (string, object) p, string defaultSchema, ReflectOptions options, CancellationToken ct)
    {
        string? Own(object? s) => options.SchemaOf(S(s), defaultSchema);
        var views = (await QueryAsync(connection, PostgresObjectQueries.Views, ct, p)).Select(r => new ViewDefinition(S(r[0]), ViewQuery(S(r[3])))
        {
            Schema = Own(r[1]),
            Materialized = B(r[2]),
            Comment = r[4] is null ? null : S(r[4]),
            Options = ViewOptions((string[])r[5]!),
            DependsOn = Names(r[6]),
        }).ToList();
        var routineRows = (await QueryAsync(connection, PostgresObjectQueries.Routines, ct, p))
            .Concat(await QueryAsync(connection, PostgresObjectQueries.Operators, ct, p));
        var routines = routineRows.Select(r => new RoutineDefinition(S(r[0]), RoutineKindOf(S(r[2])), S(r[3]).TrimEnd())
        {
            Schema = Own(r[1]),
            Signature = S(r[4]),
            Comment = r[5] is null ? null : S(r[5]),
            DependsOn = Names(r[6]).Where(n => n != S(r[0])).ToList(),
        }).ToList();
        var triggers = (await QueryAsync(connection, PostgresObjectQueries.Triggers, ct, p)).Select(r => new TriggerDefinition(S(r[0]), S(r[1]), S(r[3]))
        {
            Schema = Own(r[2]),
            Comment = r[4] is null ? null : S(r[4]),
            DependsOn = [S(r[1]), S(r[5])],
        }).ToList();
        var extensions = (await QueryAsync(connection, PostgresObjectQueries.Extensions, ct, p)).Select(r => new ExtensionDefinition(S(r[0]))
        {
            Schema = Own(r[1]),
            Version = r[2] is null ? null : S(r[2]),
            Comment = r[3] is null ? null : S(r[3]),
        }).ToList();
        var unsupported = (await QueryAsync(connection, PostgresObjectQueries.Unsupported, ct, p))
            .Where(r => r[2] is null || options.IncludeTable(S(r[2])))
            .Select(r => new UnsupportedObject(S(r[0]), S(r[1])) { Schema = Own(r[3]), Table = r[2] is null ? null : S(r[2]) }).ToList();
        return new Objects(ObjectOrder.ByDependency(views), ObjectOrder.ByDependency(routines), triggers, extensions, unsupported);
    }

    /// <summary>pg_get_viewdef's text ends with a semicolon, which CREATE VIEW … AS must not repeat.</summary>
    private static string ViewQuery(string printed) => printed.TrimEnd().TrimEnd(';').TrimEnd();

    private static RoutineKind RoutineKindOf(string prokind) => prokind switch
    {
        "p" => RoutineKind.Procedure,
        "a" => RoutineKind.Aggregate,
        "o" => RoutineKind.Operator,
        _ => RoutineKind.Function,
    };

    /// <summary>reloptions of a view (<c>security_barrier=true</c>, <c>check_option=local</c>) as <c>postgresql.*</c> options.</summary>
    private static Dictionary<string, string> ViewOptions(string[] reloptions) =>
        reloptions.Select(o => o.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => "postgresql." + kv[0], kv => kv[1], StringComparer.Ordinal);

    private static List<string> Names(object? array) => ((string?[]?)array ?? []).OfType<string>().ToList();
}
