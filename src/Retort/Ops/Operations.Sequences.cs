using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>CREATE SEQUENCE (a free-standing one; a column's own sequence comes with its identity or serial).</summary>
    public void CreateSequence(SequenceDefinition sequence) => Add(new CreateSequenceOperation(sequence));

    /// <summary>DROP SEQUENCE.</summary>
    public void DropSequence(string name, string? schema = null) => Add(new DropSequenceOperation(name) { Schema = schema });
}
