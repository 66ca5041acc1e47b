using System.Text.RegularExpressions;

namespace Retort.Dialects.Postgres;

/// <summary>
/// PostgreSQL's catalog spellings (format_type). A reflected type becomes a portable one only where
/// <see cref="PostgresDialect.TypeToSql"/> writes it back exactly; anything else (json, bare numeric, char(n),
/// arrays, precisions, tsvector …) stays <see cref="SqlType.Custom(string)"/> with the server's own text.
/// </summary>
public partial class PostgresTypeMapping : TypeMapping
{
    protected override string Normalize(string raw) => Fold(raw.ToLowerInvariant());

    public override SqlType FromDatabase(string raw)
    {
        var t = raw.Trim();
        var m = Shape().Match(t);
        if (!m.Success) return SqlType.Custom(raw);
        int? a = m.Groups["a"].Success ? int.Parse(m.Groups["a"].Value) : null;
        int? b = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value) : null;
        return (m.Groups["name"].Value, a, b) switch
        {
            ("smallint", null, null) => SqlType.SmallInt(),
            ("integer", null, null) => SqlType.Integer(),
            ("bigint", null, null) => SqlType.BigInt(),
            ("character varying", var n, null) => SqlType.String(n),
            ("text", null, null) => SqlType.Text(),
            ("boolean", null, null) => SqlType.Boolean(),
            ("numeric", { } p, { } s) => SqlType.Decimal(p, s),
            ("real", null, null) => SqlType.Float(),
            ("double precision", null, null) => SqlType.Double(),
            ("date", null, null) => SqlType.Date(),
            ("time without time zone", null, null) => SqlType.Time(),
            ("timestamp without time zone", null, null) => SqlType.DateTime(),
            ("timestamp with time zone", null, null) => SqlType.DateTimeOffset(),
            ("uuid", null, null) => SqlType.Uuid(),
            ("bytea", null, null) => SqlType.Binary(),
            ("jsonb", null, null) => SqlType.Json(),
            _ => SqlType.Custom(raw),
        };
    }

    // Quotes go: format_type quotes a schema-qualified type's parts only where needed, the dialect always.
    public override string Canonical(string typeSql) =>
        base.Canonical(Fold(typeSql.ToLowerInvariant().Trim()).Replace("double precision", "double").Replace("\"", ""));

    private static string Fold(string t) => t
        .Replace("character varying", "varchar").Replace("timestamp without time zone", "timestamp")
        .Replace("timestamp with time zone", "timestamptz").Replace("time without time zone", "time");

    [GeneratedRegex(@"^(?<name>[a-z ]+?)(\((?<a>\d+)(,\s*(?<b>\d+))?\))?$")]
    private static partial Regex Shape();
}
