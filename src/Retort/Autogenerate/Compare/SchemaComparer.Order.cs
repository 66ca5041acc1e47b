using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// Tables ordered so that each comes after the tables its foreign keys reference (stable by name). Where a
    /// cycle leaves no table ready, the first by name goes next and its keys to tables not yet placed are cycle
    /// keys: added by ALTER TABLE after the tables, or kept inline where the database cannot add them later.
    /// </summary>
    private (List<TableSchema> Order, List<(TableSchema Table, ForeignKey Fk)> Cycle) DependencyOrder(List<TableSchema> tables)
    {
        static string Key(string? schema, string name) => (schema ?? "") + "." + name.ToLowerInvariant();
        var pending = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Schema, StringComparer.Ordinal).ToList();
        var inSet = pending.Select(t => Key(t.Schema, t.Name)).ToHashSet();
        var placed = new HashSet<string>();
        var order = new List<TableSchema>();
        var cycle = new List<(TableSchema, ForeignKey)>();
        // A key naming no schema references its own table's schema's table when there is one (every table read in
        // one named default schema), else the default schema's (written unqualified, it resolves there).
        string TargetKey(TableSchema t, ForeignKey f) =>
            f.ReferencedSchema is null && !inSet.Contains(Key(t.Schema, f.ReferencedTable)) ? Key(null, f.ReferencedTable) : Key(f.ReferencedSchema ?? t.Schema, f.ReferencedTable);
        IEnumerable<ForeignKey> Waiting(TableSchema t) => t.ForeignKeys.Where(f =>
        {
            var target = TargetKey(t, f);
            return target != Key(t.Schema, t.Name) && inSet.Contains(target) && !placed.Contains(target);
        });
        TableSchema Target(TableSchema t, ForeignKey f) => pending.First(p => Key(p.Schema, p.Name) == TargetKey(t, f));
        // Whether "to" can be reached from "from" along keys to tables not yet placed.
        bool Reaches(TableSchema from, TableSchema to)
        {
            var seen = new HashSet<TableSchema>();
            var stack = new Stack<TableSchema>([from]);
            while (stack.TryPop(out var t))
            {
                if (t == to) return true;
                if (!seen.Add(t)) continue;
                foreach (var f in Waiting(t)) stack.Push(Target(t, f));
            }
            return false;
        }
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => !Waiting(t).Any());
            if (next is null)
            {
                // Stuck: some tables reference each other. Take the first by name whose every waiting key leads
                // back to it (a member of a cycle that waits on nothing outside it; one always exists).
                next = pending.First(t => Waiting(t).All(f => Reaches(Target(t, f), t)));
                if (provider.Capabilities.AlterAddConstraint) cycle.AddRange(Waiting(next).Select(f => (next, f)));
            }
            pending.Remove(next);
            placed.Add(Key(next.Schema, next.Name));
            order.Add(next);
        }
        return (order, cycle);
    }
}
