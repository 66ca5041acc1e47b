using System.Text;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// Partitions written in a table's own definition (MariaDB/MySQL): compared when the model lists them. A new key,
    /// method or count repartitions the table; otherwise the partitions that differ between the common first and last
    /// ones are added (at the end), dropped, or reorganized into the model's (a changed bound keeps the rows).
    /// </summary>
    private static void ComparePartitionList(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        if (model.Partitions.Count == 0) return;
        var table = live.Name;
        if (!SamePartitionText(model.PartitionBy, live.PartitionBy) || live.Partitions.Count == 0 || ByHash(live.PartitionBy))
        {
            if (SamePartitionText(model.PartitionBy, live.PartitionBy) && SamePartitions(model.Partitions, live.Partitions)) return;
            diffs.Add(new SchemaDiff($"modify partitioning {table}: {Layout(live.PartitionBy, live.Partitions)} -> {Layout(model.PartitionBy, model.Partitions)}",
                new PartitionTableOperation(table, model.PartitionBy, model.Partitions)
                {
                    Schema = live.Schema, ExistingPartitionBy = live.PartitionBy, ExistingPartitions = live.Partitions,
                }));
            return;
        }
        var (m, l) = (model.Partitions, live.Partitions);
        var head = 0;
        while (head < m.Count && head < l.Count && SamePartition(m[head], l[head])) head++;
        var tail = 0;
        while (tail < m.Count - head && tail < l.Count - head && SamePartition(m[^(tail + 1)], l[^(tail + 1)])) tail++;
        var added = m.Skip(head).Take(m.Count - head - tail).ToList();
        var removed = l.Skip(head).Take(l.Count - head - tail).ToList();
        if (added.Count == 0 && removed.Count == 0) return;
        // ADD PARTITION only appends, and REORGANIZE must cover the same range as before: a partition new before
        // others, or a changed bound, takes in the next partition (unchanged) so that the range stays the same. A
        // RANGE partition removed before others is merged into the next one (its rows kept, and the Downgrade can
        // split it again, which ADD PARTITION could not).
        if (tail > 0 && (added.Count > 0 || ByRange(live.PartitionBy)))
        {
            removed.Add(l[l.Count - tail]);
            added.Add(m[m.Count - tail]);
        }
        else if (added.Count > 0 && removed.Count > 0 && !SamePartitionText(added[^1].Definition, removed[^1].Definition))
        {
            // The last partition's bound changed: REORGANIZE may extend the range but not shrink it (the Downgrade would),
            // so the table is partitioned again both ways.
            diffs.Add(new SchemaDiff($"modify partitioning {table}: {Layout(live.PartitionBy, live.Partitions)} -> {Layout(model.PartitionBy, model.Partitions)}",
                new PartitionTableOperation(table, model.PartitionBy, model.Partitions)
                {
                    Schema = live.Schema, ExistingPartitionBy = live.PartitionBy, ExistingPartitions = live.Partitions,
                }));
            return;
        }
        if (removed.Count == 0)
            diffs.Add(new SchemaDiff($"add partition {table}: {Names(added)}", new AddPartitionsOperation(table, added) { Schema = live.Schema }));
        else if (added.Count == 0)
            diffs.Add(new SchemaDiff($"remove partition {table}: {Names(removed)}",
                new DropPartitionsOperation(table, removed.Select(p => p.Name).ToList()) { Schema = live.Schema, Existing = removed }));
        else
            diffs.Add(new SchemaDiff($"modify partitions {table}: {Names(removed)} -> {Names(added)}",
                new ReorganizePartitionsOperation(table, removed, added) { Schema = live.Schema }));
    }

    /// <summary>HASH and KEY place rows by a count, not by bounds: any change there is a repartition.</summary>
    private static bool ByHash(string? partitionBy) =>
        partitionBy is not null && (partitionBy.TrimStart().StartsWith("HASH", StringComparison.OrdinalIgnoreCase)
                                    || partitionBy.TrimStart().StartsWith("KEY", StringComparison.OrdinalIgnoreCase)
                                    || partitionBy.TrimStart().StartsWith("LINEAR", StringComparison.OrdinalIgnoreCase));

    private static bool ByRange(string? partitionBy) => partitionBy is not null && partitionBy.TrimStart().StartsWith("RANGE", StringComparison.OrdinalIgnoreCase);

    private static string Names(IEnumerable<TablePartition> partitions) =>
        string.Join(", ", partitions.Select(p => p.Definition.Length == 0 ? p.Name : $"{p.Name} {p.Definition}"));

    private static string Layout(string? by, IReadOnlyList<TablePartition> partitions) =>
        by is null ? "none" : $"{by} ({string.Join(", ", partitions.Select(p => p.Name))})";

    private static bool SamePartitions(IReadOnlyList<TablePartition> a, IReadOnlyList<TablePartition> b) =>
        a.Count == b.Count && a.Zip(b).All(p => SamePartition(p.First, p.Second));

    private static bool SamePartition(TablePartition a, TablePartition b) =>
        string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && SamePartitionText(a.Definition, b.Definition);

    private static bool SamePartitionText(string? a, string? b) => a is null || b is null ? a == b : PartitionText(a) == PartitionText(b);

    /// <summary>The text without blanks and identifier quotes, keywords in any case; string literals as written.</summary>
    private static string PartitionText(string s)
    {
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in s)
        {
            if (c == '\'') quoted = !quoted;
            if (quoted || c == '\'') sb.Append(c);
            else if (!char.IsWhiteSpace(c) && c != '`') sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
