using Retort.Schema;

namespace Retort.Commands;

/// <summary>
/// Tables in an order they can be created in: every table after the tables its foreign keys reference. A foreign-key
/// cycle (store ↔ staff) is broken by creating the foreign keys that point forward afterwards, with ALTER TABLE;
/// SQLite, which cannot add a foreign key later and does not check the referenced table at CREATE, keeps them inline.
/// </summary>
internal static class ForeignKeyOrder
{
    public sealed record Result(IReadOnlyList<TableSchema> Tables, IReadOnlyList<(TableSchema Table, ForeignKey ForeignKey)> Deferred);

    public static Result Sort(IReadOnlyList<TableSchema> tables, bool inlineCycles)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<TableSchema>();
        var deferred = new List<(TableSchema, ForeignKey)>();
        var pending = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        bool Ready(TableSchema t) => t.ForeignKeys.All(f => done.Contains(f.ReferencedTable) || !byName.ContainsKey(f.ReferencedTable)
                                                         || string.Equals(f.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase));
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(Ready);
            if (next is null)
            {
                // A cycle: take the first table by name and create its forward references afterwards.
                next = pending[0];
                if (!inlineCycles)
                {
                    var forward = next.ForeignKeys.Where(f => !done.Contains(f.ReferencedTable) && byName.ContainsKey(f.ReferencedTable)
                                                              && !string.Equals(f.ReferencedTable, next.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                    deferred.AddRange(forward.Select(f => (next, f)));
                    next = next with { ForeignKeys = next.ForeignKeys.Except(forward).ToList() };
                }
            }
            pending.RemoveAll(t => t.Name == next.Name);
            done.Add(next.Name);
            ordered.Add(next);
        }
        return new Result(ordered, deferred);
    }
}
