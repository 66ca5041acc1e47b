namespace Retort.Graph;

/// <summary>Checks that make a set of revisions a graph Retort can run: legal ids and no cycles.</summary>
internal static class GraphValidator
{
    private static readonly char[] Illegal = ['@', '-', '+', ':'];

    public static void CheckId(Revision rev)
    {
        if (string.IsNullOrWhiteSpace(rev.Id))
            throw new RevisionGraphException($"A revision in {rev.Path ?? "(code)"} has an empty id.");
        if (rev.Id.IndexOfAny(Illegal) >= 0)
            throw new RevisionGraphException($"Revision id '{rev.Id}' in {rev.Path ?? "(code)"} contains one of @ - + : which are not allowed in ids.");
    }

    /// <summary>Iterative three-colour depth-first search over parent and dependency edges.</summary>
    public static void CheckAcyclic(RevisionMap map)
    {
        var n = map.Count;
        var state = new byte[n]; // 0 new, 1 on stack, 2 done
        var parentOf = new int[n];
        for (var root = 0; root < n; root++)
        {
            if (state[root] != 0) continue;
            var stack = new Stack<(int Node, int Edge)>();
            stack.Push((root, 0));
            state[root] = 1;
            parentOf[root] = -1;
            while (stack.Count > 0)
            {
                var (node, edge) = stack.Pop();
                // Edge k is the k-th parent, then the dependencies: indexed in place, no array per visit.
                var parents = map.ParentsOf(node);
                var deps = map.DepsOf(node);
                if (edge < parents.Count + deps.Count)
                {
                    stack.Push((node, edge + 1));
                    var next = edge < parents.Count ? parents[edge] : deps[edge - parents.Count];
                    if (state[next] == 1)
                    {
                        var cycle = new List<int> { next };
                        for (var c = node; c != next && c != -1; c = parentOf[c]) cycle.Add(c);
                        cycle.Add(next);
                        cycle.Reverse();
                        throw new RevisionGraphException(
                            $"Cycle in the revision graph: {string.Join(" -> ", cycle.Select(c => map.Rev(c).Id))} (files: {string.Join(", ", cycle.Distinct().Select(c => map.Rev(c).Path ?? map.Rev(c).Id))}).");
                    }
                    if (state[next] == 0)
                    {
                        state[next] = 1;
                        parentOf[next] = node;
                        stack.Push((next, 0));
                    }
                }
                else state[node] = 2;
            }
        }
    }
}
