using System.Text.RegularExpressions;

namespace Retort.Schema;

/// <summary>
/// Database type spellings to portable types (for generated code), and a canonical form to compare a model's
/// type with a reflected one on the same dialect.
/// </summary>
public static partial class TypeMapper
{
    public static SqlType FromPostgres(string raw) => Portable(raw.ToLowerInvariant()
        .Replace("character varying", "varchar").Replace("timestamp without time zone", "timestamp")
        .Replace("timestamp with time zone", "timestamptz").Replace("time without time zone", "time"), raw);

    public static SqlType FromMySql(string raw) => Portable(raw.ToLowerInvariant(), raw);

    public static SqlType FromSqlite(string raw) => Portable(raw.ToLowerInvariant(), raw);

    private static SqlType Portable(string t, string raw)
    {
        var m = ShapePattern().Match(t.Replace(" ", ""));
        var baseName = m.Groups["name"].Value;
        int? a = m.Groups["a"].Success ? int.Parse(m.Groups["a"].Value) : null;
        int? b = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value) : null;
        return baseName switch
        {
            "smallint" => SqlType.SmallInt(),
            "integer" or "int" or "int4" or "mediumint" => SqlType.Integer(),
            "bigint" or "int8" => SqlType.BigInt(),
            "varchar" or "nvarchar" => SqlType.String(a),
            "text" or "longtext" or "mediumtext" => SqlType.Text(),
            "boolean" or "bool" => SqlType.Boolean(),
            "tinyint" when a == 1 => SqlType.Boolean(),
            "numeric" or "decimal" => SqlType.Decimal(a ?? 18, b ?? 0),
            "real" or "float" or "float4" => SqlType.Float(),
            "doubleprecision" or "double" or "float8" => SqlType.Double(),
            "date" => SqlType.Date(),
            "time" => SqlType.Time(),
            "timestamp" or "datetime" => SqlType.DateTime(),
            "timestamptz" => SqlType.DateTimeOffset(),
            "uuid" => SqlType.Uuid(),
            "bytea" or "blob" => SqlType.Binary(),
            "varbinary" => SqlType.Binary(a),
            "json" or "jsonb" => SqlType.Json(),
            _ => SqlType.Custom(raw),
        };
    }

    /// <summary>A spelling both sides reduce to: lower case, no spaces, synonyms and display widths folded.</summary>
    public static string Canonical(string dialect, string typeSql)
    {
        var t = typeSql.ToLowerInvariant().Trim();
        if (dialect == "postgresql")
            t = t.Replace("character varying", "varchar").Replace("timestamp without time zone", "timestamp")
                .Replace("timestamp with time zone", "timestamptz").Replace("time without time zone", "time").Replace("double precision", "double");
        t = t.Replace(" ", "");
        if (dialect == "mysql")
        {
            t = DisplayWidth().Replace(t, "$1");
            t = t switch { "int" => "integer", "tinyint(1)" or "bool" => "boolean", "longtext" => "json", "decimal" => "numeric", _ => t };
            if (t.StartsWith("decimal(", StringComparison.Ordinal)) t = "numeric" + t[7..];
        }
        if (dialect == "sqlite") t = t switch { "int" => "integer", _ => t };
        if (t == "int4") t = "integer";
        return t;
    }

    [GeneratedRegex(@"^(?<name>[a-z0-9]+?)(\((?<a>\d+)(,(?<b>\d+))?\))?(unsigned)?$")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"^(tinyint\(1\)|bigint|int|smallint|mediumint)\(\d+\)$")]
    private static partial Regex DisplayWidth();
}
