namespace Retort.Ops;

/// <summary>One schema change recorded by <see cref="Retort.Operations"/>; each dialect turns it into SQL.</summary>
public abstract record MigrationOperation;

public sealed record CreateTableOperation(string Name, IReadOnlyList<Column> Columns) : MigrationOperation
{
    public string? Schema { get; init; }
}

public sealed record DropTableOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
}

public sealed record AddColumnOperation(string Table, Column Column) : MigrationOperation
{
    public string? Schema { get; init; }
}

public sealed record DropColumnOperation(string Table, string Column) : MigrationOperation
{
    public string? Schema { get; init; }
}

/// <summary>Raw SQL; parameters are positional and bound by the driver (rendered as literals offline).</summary>
public sealed record ExecuteSqlOperation(string Sql, IReadOnlyList<object?> Parameters) : MigrationOperation
{
    /// <summary>Run outside any transaction, e.g. CREATE INDEX CONCURRENTLY.</summary>
    public bool OutsideTransaction { get; init; }
}
