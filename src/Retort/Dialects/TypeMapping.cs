using System.Text.RegularExpressions;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// A provider's type mapping in the direction the database talks back: a reflected type's text to a portable
/// <see cref="SqlType"/> (for generated code), and a canonical form to compare a model's type SQL with a reflected
/// type on the same database. (The other direction, SqlType to SQL text, is <see cref="SqlDialect.TypeToSql"/>.)
/// </summary>
public partial class TypeMapping
{
    /// <summary>The portable type for a reflected type's text; <see cref="SqlType.Custom(string)"/> with the exact text when none fits.</summary>
    public virtual SqlType FromDatabase(string raw) => Portable(Normalize(raw), raw);

    /// <summary>The reflected text in the spelling <see cref="Portable"/> understands (lower case, synonyms folded).</summary>
    protected virtual string Normalize(string raw) => raw.ToLowerInvariant();

    /// <summary>A spelling both sides reduce to: lower case, no spaces; providers fold their synonyms and display widths.</summary>
    public virtual string Canonical(string typeSql)
    {
        var t = typeSql.ToLowerInvariant().Trim().Replace(" ", "");
        return t == "int4" ? "integer" : t;
    }

    /// <summary>
    /// Whether a model column's type (<paramref name="modelSql"/>, as this provider writes it) is the live declared
    /// type to the database. <paramref name="table"/> is the model's table: where a type is used can matter (SQLite's
    /// rowid alias).
    /// </summary>
    public virtual bool SameType(SqlType model, string modelSql, string liveSql, TableSchema table, string column) =>
        Canonical(modelSql) == Canonical(liveSql);

    /// <summary>
    /// Whether the live column (<paramref name="liveSql"/>, its declared type) stores values of <paramref name="values"/>
    /// as the model's own type (<paramref name="modelSql"/>) would; null where the database stores a type rather than
    /// values by affinity (the servers), and only the declared types are compared (<see cref="SameType"/>).
    /// </summary>
    public virtual bool? StoresAlike(ValueStorage values, string modelSql, string liveSql, TableSchema modelTable, TableSchema liveTable, string column) => null;

    /// <summary>The common names most databases share, mapped to portable kinds.</summary>
    protected static SqlType Portable(string t, string raw)
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

    [GeneratedRegex(@"^(?<name>[a-z0-9]+?)(\((?<a>\d+)(,(?<b>\d+))?\))?(unsigned)?$")]
    private static partial Regex ShapePattern();
}
