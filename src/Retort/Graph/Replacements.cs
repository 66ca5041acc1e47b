namespace Retort.Graph;

/// <summary>
/// Squashed history, with Django's <c>replaces</c> semantics. A squash revision S lists the revisions it replaces
/// (a straight line r1…rk, oldest first). New databases and databases before r1 or past rk see S only, and the
/// revisions that came after rk follow S: their files still name rk (so the checksums recorded where they were applied
/// stay valid), and the graph reads rk there as S. A database stamped at rk has S's schema and counts as being at S.
/// A database part way (at rj, j &lt; k) keeps the replaced revisions: its graph drops S instead, with rk standing
/// in for S as the parent of what follows, so an upgrade runs rj+1…rk and then goes on.
/// </summary>
public static class Replacements
{
    /// <summary>The graph for a database not inside any squashed range: replaced revisions left out.</summary>
    public static IReadOnlyList<Revision> ForNewDatabases(IReadOnlyList<Revision> all)
    {
        var squashes = all.Where(r => r.Replaces.Count > 0).ToList();
        if (squashes.Count == 0) return all;
        var replaced = squashes.SelectMany(r => r.Replaces).ToHashSet(StringComparer.Ordinal);
        var revisions = all.Where(r => !replaced.Contains(r.Id)).ToList();
        foreach (var s in squashes) revisions = revisions.Select(r => Repoint(r, s.Replaces[^1], s.Id)).ToList();
        return revisions;
    }

    /// <summary>How a database at <see cref="Current"/> sees the graph.</summary>
    /// <param name="Revisions">The graph to plan with.</param>
    /// <param name="Current">The heads in that graph's terms.</param>
    /// <param name="Rewrites">Version rows to relabel first (rk → S).</param>
    /// <param name="Notes">One line per replaced id the database was found at, for logs and <c>current</c>.</param>
    public sealed record Resolution(
        IReadOnlyList<Revision> Revisions, IReadOnlyList<string> Current, IReadOnlyList<(string From, string To)> Rewrites, IReadOnlyList<string> Notes)
    {
        public bool Changed => Rewrites.Count > 0 || Notes.Count > 0;
    }

    public static Resolution Resolve(IReadOnlyList<Revision> all, IReadOnlyList<string> current)
    {
        var revisions = ForNewDatabases(all).ToList();
        var heads = current.ToList();
        var rewrites = new List<(string, string)>();
        var notes = new List<string>();
        var present = all.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var squash in all.Where(r => r.Replaces.Count > 0))
        {
            var last = squash.Replaces[^1];
            for (var h = 0; h < heads.Count; h++)
            {
                var at = IndexOf(squash.Replaces, heads[h]);
                if (at < 0) continue;
                if (at == squash.Replaces.Count - 1)
                {
                    rewrites.Add((heads[h], squash.Id));
                    notes.Add($"{heads[h]}, the last revision squash {squash.Id} replaces: recorded as {squash.Id} from now on");
                    heads[h] = squash.Id;
                    continue;
                }
                var missing = squash.Replaces.Skip(at).Where(id => !present.ContainsKey(id)).ToList();
                if (missing.Count > 0)
                    throw new RetortException($"The database is at {heads[h]}, part way through the revisions squash {squash.Id} replaces, and {string.Join(", ", missing)} no longer exist: restore the replaced revision files (e.g. from version control) so it can reach {last}.");
                notes.Add($"{heads[h]}, part way through the revisions squash {squash.Id} replaces: the replaced revisions up to {last} run first");
                // The transition graph: the replaced revisions instead of S, with rk as the parent of what follows S.
                if (revisions.All(r => r.Id != squash.Id)) continue; // already switched for another head
                revisions = revisions.Where(r => r.Id != squash.Id).ToList();
                revisions.AddRange(squash.Replaces.Where(id => !revisions.Any(r => r.Id == id)).Select(id => present[id]));
                revisions = revisions.Select(r => Repoint(r, squash.Id, last)).ToList();
            }
        }
        return new Resolution(revisions, heads, rewrites, notes);
    }

    /// <summary>The squash (if any) that replaces <paramref name="id"/>.</summary>
    public static Revision? ReplacedBy(IReadOnlyList<Revision> all, string id) =>
        all.FirstOrDefault(r => IndexOf(r.Replaces, id) >= 0);

    private static Revision Repoint(Revision r, string from, string to) =>
        r.DownRevisions.Contains(from) || r.DependsOn.Contains(from)
            ? r with
            {
                DownRevisions = r.DownRevisions.Select(d => d == from ? to : d).ToList(),
                DependsOn = r.DependsOn.Select(d => d == from ? to : d).ToList(),
            }
            : r;

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
            if (ids[i] == id) return i;
        return -1;
    }
}
