namespace Retort.Schema;

/// <summary>
/// Rows a table holds: in a model, its seed rows (EF Core's HasData), which the database should have; read from a
/// live database, the rows it has in those columns. Rows are told apart by <see cref="KeyColumns"/>.
/// </summary>
public sealed record TableData(string Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public string? Schema { get; init; }
}
