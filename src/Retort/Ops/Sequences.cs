namespace Retort.Ops;

/// <summary>
/// A free-standing sequence (<c>CREATE SEQUENCE</c>): one that no column owns, e.g. used by a column's
/// <c>nextval('…')</c> default (PostgreSQL). A serial's or identity's own sequence is part of its column
/// (<see cref="IdentityOptions"/>). Null options mean the database's defaults.
/// </summary>
public sealed record SequenceDefinition(string Name)
{
    public string? Schema { get; init; }
    /// <summary>The value type as the database spells it (<c>integer</c>, <c>smallint</c>); null for the default (bigint).</summary>
    public string? DataType { get; init; }
    public long? Start { get; init; }
    public long? Increment { get; init; }
    public long? MinValue { get; init; }
    public long? MaxValue { get; init; }
    public long? Cache { get; init; }
    public bool Cycle { get; init; }
}

/// <summary>Creates a sequence; reversed by dropping it.</summary>
public sealed record CreateSequenceOperation(SequenceDefinition Definition) : MigrationOperation
{
    public override MigrationOperation Reverse() =>
        new DropSequenceOperation(Definition.Name) { Schema = Definition.Schema, Existing = Definition };
}

/// <summary>Drops a sequence; carries its definition (<see cref="Existing"/>) to be reversible.</summary>
public sealed record DropSequenceOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
    public SequenceDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing is null
            ? throw new IrreversibleOperationException(this, $"DropSequence(\"{Name}\") does not carry the sequence's definition (Existing)")
            : new CreateSequenceOperation(Existing);
}
