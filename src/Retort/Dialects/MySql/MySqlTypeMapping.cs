using System.Text;
using System.Text.RegularExpressions;

namespace Retort.Dialects.MySql;

/// <summary>
/// MySQL/MariaDB column types as information_schema.columns.column_type spells them. A reflected type becomes a
/// portable <see cref="SqlType"/> only when <see cref="MySqlDialect.TypeToSql"/> writes it back to exactly the same
/// column type (so <c>int(11)</c> is Integer, <c>smallint(5) unsigned</c> an unsigned SmallInt); everything else
/// (<c>timestamp</c>, <c>mediumint</c>, <c>char(20)</c>, <c>year(4)</c>, <c>set(…)</c>, <c>geometry</c>, non-default
/// display widths, zerofill …) is kept as its exact text, so that recreating the table loses nothing.
/// </summary>
public partial class MySqlTypeMapping : TypeMapping
{
    public override SqlType FromDatabase(string raw)
    {
        var t = raw.Trim().ToLowerInvariant();
        if (IntegerType().Match(t) is { Success: true } m)
        {
            var unsigned = m.Groups["unsigned"].Success;
            var width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value) : (int?)null;
            if (m.Groups["zerofill"].Success) return SqlType.Custom(raw);
            var name = m.Groups["name"].Value;
            if (name == "tinyint" && width == 1 && !unsigned) return SqlType.Boolean();
            SqlType? portable = name switch { "smallint" => SqlType.SmallInt(), "int" => SqlType.Integer(), "bigint" => SqlType.BigInt(), _ => null };
            // Only the default display width round-trips through the portable type.
            if (portable is null || (width is not null && width != DefaultWidth(name, unsigned))) return SqlType.Custom(raw);
            return portable with { Unsigned = unsigned };
        }
        if (DecimalType().Match(t) is { Success: true } d)
            return SqlType.Decimal(int.Parse(d.Groups["p"].Value), int.Parse(d.Groups["s"].Value)) with { Unsigned = d.Groups["unsigned"].Success };
        if (VarcharType().Match(t) is { Success: true } v) return SqlType.String(int.Parse(v.Groups["n"].Value));
        if (VarbinaryType().Match(t) is { Success: true } vb) return SqlType.Binary(int.Parse(vb.Groups["n"].Value));
        if (t.StartsWith("enum(", StringComparison.Ordinal) && ParseValues(raw.Trim()[5..]) is { } values) return SqlType.Enum("enum", [.. values]);
        return t switch
        {
            "text" => SqlType.Text(),
            "float" => SqlType.Float(),
            "double" => SqlType.Double(),
            "date" => SqlType.Date(),
            "time" => SqlType.Time(),
            "datetime" => SqlType.DateTime(),
            "blob" => SqlType.Binary(),
            _ => SqlType.Custom(raw),
        };
    }

    /// <summary>The display width MariaDB shows for an integer type declared without one.</summary>
    public static int DefaultWidth(string name, bool unsigned) => name switch
    {
        "tinyint" => unsigned ? 3 : 4,
        "smallint" => unsigned ? 5 : 6,
        "mediumint" => unsigned ? 8 : 9,
        "int" or "integer" => unsigned ? 10 : 11,
        _ => 20,
    };

    /// <summary>The values of <c>enum('a','b''c')</c> / <c>set(…)</c> after the opening parenthesis; null if not a plain list.</summary>
    internal static List<string>? ParseValues(string rest)
    {
        var values = new List<string>();
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] != '\'') return null;
            var sb = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= rest.Length) return null;
                if (rest[i] == '\'' && i + 1 < rest.Length && rest[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                if (rest[i] == '\\' && i + 1 < rest.Length) { sb.Append(rest[i + 1]); i += 2; continue; }
                if (rest[i] == '\'') { i++; break; }
                sb.Append(rest[i++]);
            }
            values.Add(sb.ToString());
            if (i < rest.Length && rest[i] == ',') { i++; continue; }
            if (i == rest.Length - 1 && rest[i] == ')') return values;
            return null;
        }
        return null;
    }

    /// <summary>Both sides folded the way MariaDB reports them: default display widths dropped, synonyms to one name.</summary>
    public override string Canonical(string typeSql)
    {
        var t = typeSql.ToLowerInvariant().Trim();
        t = Spaces().Replace(t, " ").Replace(" (", "(").Replace(", ", ",");
        if (IntegerType().Match(t) is { Success: true } m && !m.Groups["zerofill"].Success)
        {
            var name = m.Groups["name"].Value == "integer" ? "int" : m.Groups["name"].Value;
            var unsigned = m.Groups["unsigned"].Success;
            var width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value) : DefaultWidth(name, unsigned);
            t = name == "tinyint" && width == 1 ? "boolean" : name + (width == DefaultWidth(name, unsigned) ? "" : $"({width})") + (unsigned ? " unsigned" : "");
        }
        t = t switch { "bool" or "boolean" => "boolean", "json" => "longtext", _ => t };
        if (t.StartsWith("numeric", StringComparison.Ordinal)) t = "decimal" + t[7..];
        return t.Replace(" ", "");
    }

    [GeneratedRegex(@"^(?<name>tinyint|smallint|mediumint|integer|int|bigint)(\((?<width>\d+)\))?(?<unsigned> unsigned)?(?<zerofill> zerofill)?$")]
    private static partial Regex IntegerType();

    [GeneratedRegex(@"^(decimal|numeric)\((?<p>\d+),\s?(?<s>\d+)\)(?<unsigned> unsigned)?$")]
    private static partial Regex DecimalType();

    [GeneratedRegex(@"^varchar\((?<n>\d+)\)$")]
    private static partial Regex VarcharType();

    [GeneratedRegex(@"^varbinary\((?<n>\d+)\)$")]
    private static partial Regex VarbinaryType();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
