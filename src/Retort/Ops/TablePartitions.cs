namespace Retort.Ops;

/// <summary>
/// One partition of a table partitioned in its own definition (MariaDB/MySQL <c>PARTITION BY … (PARTITION p …)</c>):
/// its name and the rest of its clause as the server prints it, without the table's own ENGINE:
/// <c>VALUES LESS THAN ('1985-12-31')</c>, <c>VALUES IN (1,2)</c>, <c>DEFAULT</c>, empty for a HASH or KEY partition.
/// </summary>
public sealed record TablePartition(string Name, string Definition = "");

/// <summary>ALTER TABLE t ADD PARTITION (…): new partitions after the last one (RANGE, LIST; HASH and KEY spread rows again).</summary>
public sealed record AddPartitionsOperation(string Table, IReadOnlyList<TablePartition> Partitions) : TableOperation(Table)
{
    public override MigrationOperation Reverse() => new DropPartitionsOperation(Table, Partitions.Select(p => p.Name).ToList()) { Schema = Schema, Existing = Partitions };
}

/// <summary>ALTER TABLE t DROP PARTITION a, b: the rows in them go too; <see cref="Existing"/> adds them back (empty) when reversed.</summary>
public sealed record DropPartitionsOperation(string Table, IReadOnlyList<string> Names) : TableOperation(Table)
{
    public IReadOnlyList<TablePartition>? Existing { get; init; }

    public override MigrationOperation Reverse() => Existing is { } existing
        ? new AddPartitionsOperation(Table, existing) { Schema = Schema }
        : throw new IrreversibleOperationException(this, $"it does not carry the definitions of the partitions of {Table} it drops");
}

/// <summary>
/// ALTER TABLE t REORGANIZE PARTITION a, b INTO (…): changes adjacent partitions' bounds or names keeping their rows
/// (the new ones must hold every row the old ones held).
/// </summary>
public sealed record ReorganizePartitionsOperation(string Table, IReadOnlyList<TablePartition> Existing, IReadOnlyList<TablePartition> Partitions)
    : TableOperation(Table)
{
    public override MigrationOperation Reverse() => new ReorganizePartitionsOperation(Table, Partitions, Existing) { Schema = Schema };
}

/// <summary>
/// ALTER TABLE t PARTITION BY … (a new key, method or count: the table is copied into the new layout), or REMOVE
/// PARTITIONING when <see cref="PartitionBy"/> is null; the existing layout is kept for the reverse.
/// </summary>
public sealed record PartitionTableOperation(string Table, string? PartitionBy, IReadOnlyList<TablePartition> Partitions) : TableOperation(Table)
{
    public string? ExistingPartitionBy { get; init; }
    public IReadOnlyList<TablePartition> ExistingPartitions { get; init; } = [];

    public override MigrationOperation Reverse() =>
        new PartitionTableOperation(Table, ExistingPartitionBy, ExistingPartitions) { Schema = Schema, ExistingPartitionBy = PartitionBy, ExistingPartitions = Partitions };
}
