using Retort.Ops;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>A reflected table as the CREATE TABLE operation that makes it, indexes included (for scaffolded MetaData).</summary>
internal static class SchemaOperations
{
    public static CreateTableOperation CreateTable(TableSchema t) => new(t.Name, t.Columns)
    {
        Schema = t.Schema,
        PrimaryKey = t.PrimaryKey,
        ForeignKeys = t.ForeignKeys,
        UniqueConstraints = t.UniqueConstraints,
        CheckConstraints = t.CheckConstraints,
        Comment = t.Comment,
        ProviderOptions = t.ProviderOptions,
        PartitionBy = t.PartitionBy,
        PartitionOf = t.PartitionOf,
        Partitions = t.Partitions,
        Indexes = t.Indexes.Select(i => i.ToTableIndex()).ToList(),
    };
}
