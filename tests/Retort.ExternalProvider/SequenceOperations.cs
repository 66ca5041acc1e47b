using Retort.Ops;

namespace Retort.ExternalProvider;

/// <summary>CREATE SEQUENCE: an operation Retort itself does not define, recorded with <c>op.Add(…)</c>.</summary>
public sealed record CreateSequenceOperation(string Name, long Start = 1) : MigrationOperation
{
    public override MigrationOperation Reverse() => new DropSequenceOperation(Name) { Start = Start };
}

public sealed record DropSequenceOperation(string Name) : MigrationOperation
{
    /// <summary>Where the dropped sequence started, to recreate it when reversed.</summary>
    public long Start { get; init; } = 1;

    public override MigrationOperation Reverse() => new CreateSequenceOperation(Name, Start);
}
