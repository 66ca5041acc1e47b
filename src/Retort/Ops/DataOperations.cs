namespace Retort.Ops;

/// <summary>
/// Seed rows to insert (EF Core's HasData): each row gives a value per column, in order. Its reverse deletes the same
/// rows by <see cref="KeyColumns"/>, which must be among <see cref="Columns"/>.
/// </summary>
public sealed record InsertDataOperation(string Table, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : TableOperation(Table)
{
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    public override MigrationOperation Reverse()
    {
        var keys = KeyColumns.Select(k => Columns.ToList().IndexOf(k)).ToList();
        if (keys.Count == 0 || keys.Contains(-1))
            throw new IrreversibleOperationException(this, $"the rows inserted into {Table} name no key columns among their columns to delete them by");
        return new DeleteDataOperation(Table, KeyColumns, Rows.Select(r => (IReadOnlyList<object?>)keys.Select(i => r[i]).ToList()).ToList())
        {
            Schema = Schema,
            Existing = this,
        };
    }
}

/// <summary>Deletes rows by key: each entry of <see cref="KeyValues"/> gives a value per key column.</summary>
public sealed record DeleteDataOperation(string Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<IReadOnlyList<object?>> KeyValues) : TableOperation(Table)
{
    /// <summary>The rows as they were, to insert them again.</summary>
    public InsertDataOperation? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing ?? throw new IrreversibleOperationException(this, $"it does not carry the rows of {Table} it deletes");
}

/// <summary>Sets <see cref="Columns"/> to <see cref="Values"/> in the one row whose key columns hold <see cref="KeyValues"/>.</summary>
public sealed record UpdateDataOperation(string Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<object?> KeyValues, IReadOnlyList<string> Columns, IReadOnlyList<object?> Values)
    : TableOperation(Table)
{
    /// <summary>The values before the change, to set them back.</summary>
    public IReadOnlyList<object?>? ExistingValues { get; init; }

    public override MigrationOperation Reverse() =>
        ExistingValues is null
            ? throw new IrreversibleOperationException(this, $"it does not carry the values of {Table} it replaces")
            : this with { Values = ExistingValues, ExistingValues = Values };
}
