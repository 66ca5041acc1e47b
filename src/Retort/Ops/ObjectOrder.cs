namespace Retort.Ops;

/// <summary>Schema objects in an order that can be created: each after the objects of the same list it reads.</summary>
public static class ObjectOrder
{
    /// <summary>
    /// Views after the views they read (their <see cref="SchemaObject.DependsOn"/>), routines after the routines they
    /// use (an aggregate after its state function); otherwise in the given order.
    /// </summary>
    public static List<T> ByDependency<T>(IReadOnlyList<T> objects) where T : SchemaObject
    {
        var byName = objects.GroupBy(o => o.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.ToList());
        var order = new List<T>();
        var placed = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var visiting = new HashSet<T>(ReferenceEqualityComparer.Instance);
        void Visit(T o)
        {
            if (placed.Contains(o) || !visiting.Add(o)) return;
            foreach (var d in o.DependsOn)
                foreach (var read in byName.GetValueOrDefault(Unqualified(d)) ?? [])
                    if (!ReferenceEquals(read, o)) Visit(read);
            placed.Add(o);
            order.Add(o);
        }
        foreach (var o in objects) Visit(o);
        return order;
    }

    /// <summary>The name without its schema, lower-case: how <see cref="SchemaObject.DependsOn"/> entries are matched.</summary>
    public static string Unqualified(string name) => (name.LastIndexOf('.') is var i and >= 0 ? name[(i + 1)..] : name).ToLowerInvariant();
}
