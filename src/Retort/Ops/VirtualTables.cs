namespace Retort.Ops;

/// <summary>
/// A virtual table (SQLite's FTS4/FTS5, R*Tree …): its whole <c>CREATE VIRTUAL TABLE</c> statement, created and dropped
/// as written. The module keeps its own shadow tables, which are in no model: creating the virtual table makes them.
/// </summary>
public sealed record VirtualTableDefinition(string Name, string Definition) : SchemaObject(Name)
{
    public override string KindName => "virtual table";
}

public sealed record CreateVirtualTableOperation(VirtualTableDefinition Table) : MigrationOperation
{
    public override MigrationOperation Reverse() => new DropVirtualTableOperation(Table.Name) { Schema = Table.Schema, Existing = Table };
}

/// <summary>DROP TABLE of a virtual table (its shadow tables go with it); <see cref="Existing"/> creates it again when reversed.</summary>
public sealed record DropVirtualTableOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
    public VirtualTableDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() => Existing is { } existing
        ? new CreateVirtualTableOperation(existing)
        : throw new IrreversibleOperationException(this, $"it does not carry the definition of the virtual table {Name} it drops");
}
