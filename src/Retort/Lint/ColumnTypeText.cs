using System.Globalization;
using System.Text.RegularExpressions;

namespace Retort.Lint;

/// <summary>
/// A column type as text, reduced to a base name and its numeric arguments (<c>character varying(20)</c> →
/// varchar [20]), to tell which type changes rewrite or copy the table.
/// </summary>
public sealed partial record ColumnTypeText(string Base, IReadOnlyList<int> Args)
{
    public static ColumnTypeText Parse(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        var args = new List<int>();
        var m = Arguments().Match(lower);
        if (m.Success)
        {
            args.AddRange(m.Groups[1].Value.Split(',').Select(a => int.TryParse(a.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0));
            lower = lower.Remove(m.Index, m.Length);
        }
        var words = Spaces().Replace(lower, " ").Trim();
        var name = words switch
        {
            "character varying" or "varchar" => "varchar",
            "int" or "int4" or "integer" => "integer",
            "int8" or "bigint" => "bigint",
            "int2" or "smallint" => "smallint",
            "decimal" or "numeric" => "numeric",
            "timestamp" or "timestamp without time zone" => "timestamp",
            "timestamptz" or "timestamp with time zone" => "timestamptz",
            "time" or "time without time zone" => "time",
            "bool" or "boolean" => "boolean",
            _ => words,
        };
        return new ColumnTypeText(name, args);
    }

    public bool SameAs(ColumnTypeText other) => Base == other.Base && Args.SequenceEqual(other.Args);

    /// <summary>
    /// PostgreSQL changes that need no rewrite (binary-coercible or a wider limit), as squawk's changing-column-type
    /// and strong_migrations' "Changing the type of a column" list them.
    /// </summary>
    public static bool PostgresKeepsRows(ColumnTypeText? from, ColumnTypeText to)
    {
        if (from is null) return false;
        if (from.SameAs(to)) return true;
        return to.Base switch
        {
            "text" => from.Base is "varchar" or "text",
            "varchar" => (from.Base == "varchar" && (to.Args.Count == 0 || (from.Args.Count > 0 && to.Args[0] >= from.Args[0])))
                         || (from.Base == "text" && to.Args.Count == 0),
            "numeric" => from.Base == "numeric" && (to.Args.Count == 0
                         || (from.Args.Count > 0 && to.Args[0] >= from.Args[0] && Scale(to) == Scale(from))),
            "timestamp" or "timestamptz" or "time" or "interval" => from.Base == to.Base && Precision(to) >= Precision(from),
            "inet" => from.Base == "cidr",
            _ => false,
        };
    }

    /// <summary>
    /// MariaDB/MySQL changes done in place without copying the table: a VARCHAR made longer without changing the
    /// number of length bytes (1 up to 255 bytes, i.e. 63 utf8mb4 characters, 2 above), per strong_migrations.
    /// </summary>
    public static bool MySqlInPlace(ColumnTypeText? from, ColumnTypeText to)
    {
        if (from is null) return false;
        if (from.SameAs(to)) return true;
        const int utf8mb4OneByteLimit = 63;
        return from.Base == "varchar" && to.Base == "varchar" && from.Args.Count > 0 && to.Args.Count > 0
               && to.Args[0] >= from.Args[0] && (to.Args[0] <= utf8mb4OneByteLimit || from.Args[0] > utf8mb4OneByteLimit);
    }

    private static int Scale(ColumnTypeText t) => t.Args.Count > 1 ? t.Args[1] : 0;

    private static int Precision(ColumnTypeText t) => t.Args.Count > 0 ? t.Args[0] : 6;

    public override string ToString() => Args.Count == 0 ? Base : $"{Base}({string.Join(",", Args)})";

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
