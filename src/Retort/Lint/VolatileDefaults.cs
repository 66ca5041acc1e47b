using System.Text.RegularExpressions;

namespace Retort.Lint;

/// <summary>
/// Whether a column default is volatile (evaluated per row, so PostgreSQL 11+ still rewrites the table to add the
/// column). Offline there is no pg_proc to ask, so as strong_migrations does for a function it cannot find, a call
/// is volatile unless it is one of PostgreSQL's known stable or immutable functions.
/// </summary>
public static partial class VolatileDefaults
{
    private static readonly HashSet<string> NotVolatile = new(StringComparer.OrdinalIgnoreCase)
    {
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper", "concat", "coalesce",
        "to_char", "to_date", "to_timestamp", "date_trunc", "make_date", "make_timestamp", "make_timestamptz", "make_interval",
        "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "array", "length", "abs",
        "round", "trim", "replace", "substring", "left", "right", "md5", "timezone", "nullif", "greatest", "least",
    };

    public static bool IsVolatile(string expression) =>
        Calls().Matches(expression).Any(m => !NotVolatile.Contains(m.Groups[1].Value.Split('.')[^1]) && !IsCastOrKeyword(m.Groups[1].Value));

    // "varchar(10)" in a cast, or "interval ( …": type names before a parenthesis are not calls.
    private static bool IsCastOrKeyword(string name) =>
        name.ToLowerInvariant() is "varchar" or "character" or "numeric" or "decimal" or "char" or "timestamp" or "time" or "interval" or "in" or "and" or "or" or "not";

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")]
    private static partial Regex Calls();
}
