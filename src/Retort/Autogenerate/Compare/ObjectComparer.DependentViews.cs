using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class ObjectComparer
{
    /// <summary>
    /// PostgreSQL refuses to change the type of, or drop, a column a view reads. The views that read a table whose
    /// columns change that way (or that is dropped and created again, a partition key change) (and the views reading those, in turn) are dropped before the table changes and
    /// created again after them, from the model's definition; the Downgrade, being the reverse, does the same around
    /// the reversed change with the definitions they had. Returns the drops (to run first) and the creates (to run
    /// before the other views); a replace of such a view in <paramref name="groups"/> gives way to them.
    /// </summary>
    public static (List<SchemaDiff> Drops, List<SchemaDiff> Creates) AroundColumnChanges(
        IEnumerable<SchemaDiff> tableChanges, DatabaseSchema model, DatabaseSchema database, Groups groups)
    {
        var changed = tableChanges.Select(d => d.Upgrade)
            .Where(o => o is AlterColumnOperation { Type: not null } or DropColumnOperation or DropTableOperation)
            .Select(o => (o is DropTableOperation d ? d.Name : ((TableOperation)o).Table).ToLowerInvariant()).ToHashSet();
        if (changed.Count == 0) return ([], []);
        var removed = groups.First.Select(d => d.Upgrade).OfType<DropViewOperation>().Select(o => o.Name.ToLowerInvariant()).ToHashSet();

        // The live views reading a changed table, then those reading them, until nothing more is added.
        var reading = new HashSet<string>(changed);
        var affected = new List<ViewDefinition>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var v in database.Views.Where(v => !affected.Contains(v) && !removed.Contains(v.Name.ToLowerInvariant())))
            {
                if (!v.DependsOn.Any(d => reading.Contains(ObjectOrder.Unqualified(d)))) continue;
                affected.Add(v);
                reading.Add(v.Name.ToLowerInvariant());
                grew = true;
            }
        }
        if (affected.Count == 0) return ([], []);

        var drops = new List<SchemaDiff>();
        var creates = new List<SchemaDiff>();
        var ordered = ObjectOrder.ByDependency(affected);
        foreach (var v in Enumerable.Reverse(ordered))
            drops.Add(new SchemaDiff($"remove {v.KindName} {v.Name} (reads a changed column; created again after the change)", new CreateViewOperation(v).Reverse()));
        foreach (var live in ordered)
        {
            var target = model.Views.FirstOrDefault(m => string.Equals(m.Name, live.Name, StringComparison.OrdinalIgnoreCase) && m.Schema == live.Schema);
            if (target is null) continue;
            groups.AfterTables.RemoveAll(d => d.Upgrade is ReplaceViewOperation r && string.Equals(r.View.Name, live.Name, StringComparison.OrdinalIgnoreCase) && r.View.Schema == live.Schema);
            creates.Add(new SchemaDiff($"add {target.KindName} {target.Name} (after the change to a column it reads)", new CreateViewOperation(target)));
        }
        return (drops, creates);
    }
}
