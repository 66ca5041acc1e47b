using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>A virtual table from its whole statement: <c>op.CreateVirtualTable("docs", "CREATE VIRTUAL TABLE docs USING fts5(body)")</c>.</summary>
    public void CreateVirtualTable(string name, string definition, string? schema = null) =>
        Add(new CreateVirtualTableOperation(new VirtualTableDefinition(name, definition) { Schema = schema }));

    /// <summary>Drops a virtual table; <paramref name="existing"/> is its statement, for the Downgrade.</summary>
    public void DropVirtualTable(string name, string? existing = null, string? schema = null) =>
        Add(new DropVirtualTableOperation(name) { Schema = schema, Existing = existing is null ? null : new VirtualTableDefinition(name, existing) { Schema = schema } });
}
