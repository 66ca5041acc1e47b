using System.Text.RegularExpressions;

namespace Retort.Dialects.MySql;

/// <summary>MySQL/MariaDB: display widths dropped, BOOL as tinyint(1), JSON as MariaDB's longtext.</summary>
public partial class MySqlTypeMapping : TypeMapping
{
    public override string Canonical(string typeSql)
    {
        var t = typeSql.ToLowerInvariant().Trim().Replace(" ", "");
        t = DisplayWidth().Replace(t, "$1");
        t = t switch { "int" => "integer", "tinyint(1)" or "bool" => "boolean", "longtext" => "json", "decimal" => "numeric", _ => t };
        if (t.StartsWith("decimal(", StringComparison.Ordinal)) t = "numeric" + t[7..];
        return base.Canonical(t);
    }

    [GeneratedRegex(@"^(tinyint\(1\)|bigint|int|smallint|mediumint)\(\d+\)$")]
    private static partial Regex DisplayWidth();
}
