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

    /// <summary>
    /// A partitioned table whose key changed (RANGE (a) -> RANGE (b)): PostgreSQL cannot change a key, so the table
    /// is made again: its partitions detached (they keep their rows; the parent holds none), the parent dropped and
    /// created as the model says, the partitions attached again with their bounds. Views reading the parent are
    /// dropped and created around it like those around a column type change. Returns whether it did so (the rest of
    /// the table is then the model's, with nothing more to compare). A plain table the model partitions, or the
    /// reverse, is not changed here: that would move the rows.
    /// </summary>
    private static bool ComparePartitionKey(TableSchema model, TableSchema live, DatabaseSchema database, List<SchemaDiff> diffs)
    {
        // Partitions written in the table's own definition (MariaDB) change in place: ComparePartitionList.
        if (model.Partitions.Count > 0 || live.Partitions.Count > 0) return false;
        if (model.PartitionBy is not { } m || live.PartitionBy is not { } l || ObjectComparer.SameDefinition(m, l)) return false;
        var partitions = database.Tables
            .Where(t => t.PartitionOf is { } p && string.Equals(p.Parent, live.Name, StringComparison.OrdinalIgnoreCase) && (p.ParentSchema ?? t.Schema) == live.Schema)
            .ToList();
        var detach = partitions.Select(p => new SchemaDiff($"detach partition {p.Name} from {live.Name} ({p.PartitionOf!.Bound}) while its key changes",
            new DetachPartitionOperation(live.Name, p.Name, p.PartitionOf.Bound) { Schema = live.Schema, PartitionSchema = p.Schema })).ToList();
        diffs.AddRange(detach);
        diffs.Add(new SchemaDiff($"remove table {live.Name} (partition key {l} -> {m}; created again)",
            new DropTableOperation(live.Name) { Schema = live.Schema, Existing = Create(live, [], withIndexes: true) })
        {
            Note = $"REVIEW: PostgreSQL cannot change the partition key of {live.Name}: it is dropped and created again with its partitions detached "
                   + "and attached around it (their rows stay); triggers on it and foreign keys referencing it are dropped with it.",
        });
        diffs.Add(new SchemaDiff($"add table {model.Name} (partition key {m})", Create(model, [], withIndexes: true)));
        diffs.AddRange(detach.Select(d => new SchemaDiff(d.Description.Replace("detach partition", "attach partition").Replace(" from ", " to "), d.Upgrade.Reverse())));
        return true;
    }

    private static bool SamePartition(PartitionOf m, PartitionOf? l) =>
        l is not null && string.Equals(m.Parent, l.Parent, StringComparison.OrdinalIgnoreCase) && m.ParentSchema == l.ParentSchema
        && ObjectComparer.SameDefinition(m.Bound, l.Bound);
}
