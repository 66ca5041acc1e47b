namespace Retort.Ops;

/// <summary>The constraint naming convention used when a revision does not name a constraint.</summary>
public static class Naming
{
    /// <summary>A constraint's own name, or null when it has none: null (the convention names it) or empty (written
    /// unnamed, as reflected from SQLite); comparisons key unnamed constraints by the convention's name.</summary>
    public static string? Given(string? name) => string.IsNullOrEmpty(name) ? null : name;

    public static string PrimaryKey(string table) => Cut($"pk_{table}");

    public static string Unique(string table, IEnumerable<string> columns) => Cut($"uq_{table}_{string.Join("_", columns)}");

    public static string ForeignKey(string table, IEnumerable<string> columns, string referencedTable) =>
        Cut($"fk_{table}_{string.Join("_", columns)}_{referencedTable}");

    public static string Check(string table, int index) => Cut($"ck_{table}_{index}");

    public static string Check(string table, string column) => Cut($"ck_{table}_{column}");

    public static string Index(string table, IEnumerable<string> columns) => Cut($"ix_{table}_{string.Join("_", columns)}");

    /// <summary>PostgreSQL and MySQL cut names at 63/64 characters; keep them unique with a short hash when cut.</summary>
    private static string Cut(string name)
    {
        if (name.Length <= 60) return name;
        var hash = 0u;
        foreach (var c in name) hash = (hash ^ c) * 16777619u;
        return name[..51] + "_" + hash.ToString("x8");
    }
}
