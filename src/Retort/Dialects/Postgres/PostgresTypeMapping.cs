namespace Retort.Dialects.Postgres;

/// <summary>PostgreSQL's catalog spellings (format_type): long SQL-standard names folded to the short ones.</summary>
public class PostgresTypeMapping : TypeMapping
{
    protected override string Normalize(string raw) => Fold(raw.ToLowerInvariant());

    public override string Canonical(string typeSql) =>
        base.Canonical(Fold(typeSql.ToLowerInvariant().Trim()).Replace("double precision", "double"));

    private static string Fold(string t) => t
        .Replace("character varying", "varchar").Replace("timestamp without time zone", "timestamp")
        .Replace("timestamp with time zone", "timestamptz").Replace("time without time zone", "time");
}
