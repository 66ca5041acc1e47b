namespace Retort.Schema;

/// <summary>A schema as Retort compares it: what the target model declares, or what a live database has.</summary>
public sealed record DatabaseSchema(IReadOnlyList<TableSchema> Tables)
{
    public TableSchema? Find(string name, string? schema = null) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase) && (schema is null || t.Schema == schema));
}

/// <summary>One table: columns in order, keys, indexes and constraints, reusing the operation records.</summary>
public sealed record TableSchema(string Name)
{
    public string? Schema { get; init; }
    public IReadOnlyList<Column> Columns { get; init; } = [];
    public PrimaryKey? PrimaryKey { get; init; }
    public IReadOnlyList<IndexSchema> Indexes { get; init; } = [];
    public IReadOnlyList<UniqueConstraint> UniqueConstraints { get; init; } = [];
    public IReadOnlyList<ForeignKey> ForeignKeys { get; init; } = [];
    public IReadOnlyList<CheckConstraint> CheckConstraints { get; init; } = [];
    public string? Comment { get; init; }

    /// <summary>For reflected columns: the type as the database spells it.</summary>
    public IReadOnlyDictionary<string, string> RawTypes { get; init; } = new Dictionary<string, string>();

    public Column? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns)
{
    public bool Unique { get; init; }
    public string? Where { get; init; }
}
