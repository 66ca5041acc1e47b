using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>ALTER TABLE t ADD PARTITION (…) (MariaDB/MySQL): <c>op.AddPartitions("t", new TablePartition("p20", "VALUES LESS THAN (2020)"))</c>.</summary>
    public void AddPartitions(string table, params TablePartition[] partitions) => Add(new AddPartitionsOperation(table, partitions));

    /// <summary>ALTER TABLE t DROP PARTITION …, with the dropped definitions so that the Downgrade adds them back.</summary>
    public void DropPartitions(string table, params TablePartition[] existing) =>
        Add(new DropPartitionsOperation(table, existing.Select(p => p.Name).ToList()) { Existing = existing });

    /// <summary>ALTER TABLE t REORGANIZE PARTITION existing INTO (partitions): new bounds, rows kept.</summary>
    public void ReorganizePartitions(string table, IReadOnlyList<TablePartition> existing, IReadOnlyList<TablePartition> partitions) =>
        Add(new ReorganizePartitionsOperation(table, existing, partitions));

    /// <summary>ALTER TABLE t PARTITION BY … (or REMOVE PARTITIONING when <paramref name="partitionBy"/> is null).</summary>
    public void PartitionTable(string table, string? partitionBy, IReadOnlyList<TablePartition> partitions,
        string? existingPartitionBy, IReadOnlyList<TablePartition> existingPartitions) =>
        Add(new PartitionTableOperation(table, partitionBy, partitions) { ExistingPartitionBy = existingPartitionBy, ExistingPartitions = existingPartitions });
}
