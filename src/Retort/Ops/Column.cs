namespace Retort;

/// <summary>A column as written in a revision; nullable unless said otherwise, as in SQLAlchemy.</summary>
public sealed partial record Column(string Name, SqlType Type)
{
    public bool Nullable { get; init; } = true;
    public bool PrimaryKey { get; init; }
    /// <summary>Identity / autoincrement integer key.</summary>
    public bool Autoincrement { get; init; }
    /// <summary>SQL expression text used as the column's DEFAULT, e.g. <c>"0"</c>, <c>"'x'"</c>, <c>"CURRENT_TIMESTAMP"</c>.</summary>
    public string? ServerDefault { get; init; }
    public string? Comment { get; init; }
}
