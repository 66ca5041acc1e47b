using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>Indexes by name; a changed one is dropped and created again.</summary>
    private void CompareIndexes(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        // Some databases (MySQL) keep unique constraints as unique indexes: compare both as indexes there.
        var modelIndexes = model.Indexes.ToList();
        if (provider.Capabilities.UniqueConstraintsAreIndexes)
            modelIndexes.AddRange(model.UniqueConstraints.Select(u => new IndexSchema(UniqueName(model, u), u.Columns) { Unique = true }));
        foreach (var i in modelIndexes)
        {
            var l = live.Indexes.FirstOrDefault(x => x.Name == i.Name);
            if (!Include(i, i.Name, "index", false, l)) continue;
            if (l is not null && SameIndex(i, l) && (!HasComments || i.Comment == l.Comment)) continue;
            if (l is not null && SameIndex(i, l) && provider.Capabilities.IndexCommentAlone)
            {
                diffs.Add(new SchemaDiff($"modify comment of index {l.Name} on {table}",
                    new IndexCommentOperation(l.Name, table, i.Comment) { ExistingComment = l.Comment, Schema = model.Schema }));
                continue;
            }
            if (l is not null)
                diffs.Add(new SchemaDiff($"remove index {l.Name} on {table} (changed)", CreateIndex(live, l).Reverse()));
            diffs.Add(new SchemaDiff($"add index {i.Name} on {table}", CreateIndex(model, i)));
        }
        foreach (var l in live.Indexes.Where(l => !modelIndexes.Any(i => i.Name == l.Name) && Include(l, l.Name, "index", true, null)))
            diffs.Add(new SchemaDiff($"remove index {l.Name} on {table}", CreateIndex(live, l).Reverse()));
    }

    /// <summary>Unique, kind, key parts, INCLUDE, the predicate, and the method when the model names one.</summary>
    private bool SameIndex(IndexSchema m, IndexSchema l) =>
        m.Unique == l.Unique && m.Kind == l.Kind
        && (m.Method is null || string.Equals(m.Method, l.Method ?? "", StringComparison.OrdinalIgnoreCase))
        && SameNames(m.Include, l.Include)
        && SameExpression(m.Where, l.Where)
        && m.KeyParts.Count == l.KeyParts.Count
        && m.KeyParts.Zip(l.KeyParts).All(p =>
            p.First.IsExpression == p.Second.IsExpression
            && (p.First.IsExpression ? SameExpression(p.First.Text, p.Second.Text) : string.Equals(p.First.Text, p.Second.Text, StringComparison.OrdinalIgnoreCase))
            && p.First.Descending == p.Second.Descending && p.First.Nulls == p.Second.Nulls && p.First.PrefixLength == p.Second.PrefixLength
            && (p.First.Collation is null || string.Equals(p.First.Collation, p.Second.Collation, StringComparison.OrdinalIgnoreCase))
            && (p.First.OperatorClass is null || string.Equals(p.First.OperatorClass, p.Second.OperatorClass, StringComparison.OrdinalIgnoreCase)));
}
