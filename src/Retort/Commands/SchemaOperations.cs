using Retort.Ops;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>The operations that create a reflected table and its indexes, as baseline and squash write them.</summary>
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
    };

    public static CreateIndexOperation CreateIndex(TableSchema t, IndexSchema i) =>
        new(i.Name, t.Name, i.Columns) { Unique = i.Unique, Where = i.Where, Schema = t.Schema };
}
