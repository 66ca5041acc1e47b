using System.Globalization;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>
/// Partitions in the table's definition: written after the table options on CREATE TABLE, changed with ALTER TABLE
/// ADD / DROP / REORGANIZE PARTITION, PARTITION BY and REMOVE PARTITIONING.
/// </summary>
public partial class MySqlDialect
{
    /// <summary>
    /// <c>PARTITION BY key (PARTITION `p` definition, …)</c>; partitions named as the server names them by itself
    /// (p0, p1 … with nothing else said) as <c>PARTITIONS n</c>, which is how it prints them back.
    /// </summary>
    private string PartitionClause(string partitionBy, IReadOnlyList<TablePartition> partitions)
    {
        var clause = "PARTITION BY " + partitionBy;
        if (partitions.Count == 0) return clause;
        if (partitions.Select((p, i) => p.Definition.Length == 0 && p.Name == "p" + i.ToString(CultureInfo.InvariantCulture)).All(x => x))
            return clause + " PARTITIONS " + partitions.Count.ToString(CultureInfo.InvariantCulture);
        return clause + "\n" + PartitionList(partitions);
    }

    private string PartitionList(IReadOnlyList<TablePartition> partitions) =>
        "(" + string.Join(",\n ", partitions.Select(PartitionDefinition)) + ")";

    private string PartitionDefinition(TablePartition p) =>
        "PARTITION " + QuoteIdentifier(p.Name) + (p.Definition.Length == 0 ? "" : " " + p.Definition);

    protected override IReadOnlyList<SqlStatement> Generate(AddPartitionsOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD PARTITION {PartitionList(o.Partitions)}"];

    protected override IReadOnlyList<SqlStatement> Generate(DropPartitionsOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP PARTITION {string.Join(", ", o.Names.Select(QuoteIdentifier))}"];

    protected override IReadOnlyList<SqlStatement> Generate(ReorganizePartitionsOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} REORGANIZE PARTITION {string.Join(", ", o.Existing.Select(p => QuoteIdentifier(p.Name)))} INTO {PartitionList(o.Partitions)}"];

    protected override IReadOnlyList<SqlStatement> Generate(PartitionTableOperation o) => o.PartitionBy is null
        ? [$"ALTER TABLE {Qualify(o.Table, o.Schema)} REMOVE PARTITIONING"]
        : [$"ALTER TABLE {Qualify(o.Table, o.Schema)} {PartitionClause(o.PartitionBy, o.Partitions)}"];
}
