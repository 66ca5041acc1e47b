using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// A partition's parent and bound: a changed bound is a detach and an attach with the new one (PostgreSQL has no
    /// ALTER for a bound); a table the model makes a partition is attached, one it no longer makes one detached.
    /// Compared when the model says which it is (a model without partitioning accepts either).
    /// </summary>
    private static void ComparePartition(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var (m, l) = (model.PartitionOf, live.PartitionOf);
        if (m is null || SamePartition(m, l)) return;
        if (l is not null)
            diffs.Add(new SchemaDiff($"detach partition {live.Name} from {l.Parent} ({l.Bound})",
                new DetachPartitionOperation(l.Parent, live.Name, l.Bound) { Schema = l.ParentSchema ?? live.Schema, PartitionSchema = live.Schema }));
        diffs.Add(new SchemaDiff($"attach partition {model.Name} to {m.Parent} ({m.Bound})",
            new AttachPartitionOperation(m.Parent, model.Name, m.Bound) { Schema = m.ParentSchema ?? model.Schema, PartitionSchema = model.Schema }));
    }

    private static bool SamePartition(PartitionOf m, PartitionOf? l) =>
        l is not null && string.Equals(m.Parent, l.Parent, StringComparison.OrdinalIgnoreCase) && m.ParentSchema == l.ParentSchema
        && ObjectComparer.SameDefinition(m.Bound, l.Bound);
}
