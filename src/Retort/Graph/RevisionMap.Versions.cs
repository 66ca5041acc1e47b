namespace Retort.Graph;

/// <summary>
/// How the version table changes, as Alembic keeps alembic_version: one row per applied head; a linear step
/// updates, a new branch inserts, a merge deletes the extra parents, an unmerge inserts them back.
/// </summary>
public sealed partial class RevisionMap
{
    public IReadOnlyList<VersionChange> ApplyStep(ISet<string> heads, MigrationStep step)
    {
        var i = IndexOf(step.Revision.Id);
        var id = _revs[i].Id;
        var down = _normDown[i].Select(d => _revs[d].Id).ToList();
        var changes = new List<VersionChange>();

        if (!step.IsUpgrade && heads.Contains(id) && (down.Count == 0 || UnmergeTo(heads, id, down).Count == 0))
        {
            changes.Add(new DeleteVersion(id));
        }
        else if (step.IsUpgrade && (down.Count == 0 || !down.Any(heads.Contains)))
        {
            changes.Add(new InsertVersion(id));
        }
        else if (step.IsUpgrade && down.Count > 1 && down.Count(heads.Contains) > 1)
        {
            // Merge: keep one parent's row and move it to the merge point; the other parents' rows go.
            var others = heads.Except(down).ToList();
            var from = others.Count > 0 ? down.Except(Ancestors(others.Select(IndexOf)).Select(a => _revs[a].Id)).ToList() : down;
            foreach (var d in from.Take(from.Count - 1)) changes.Add(new DeleteVersion(d));
            changes.Add(new UpdateVersion(from[^1], id));
        }
        else if (!step.IsUpgrade && heads.Contains(id) && down.Count > 1)
        {
            // Unmerge: the merge point's row moves to one parent; the other parents get rows of their own.
            var to = UnmergeTo(heads, id, down);
            foreach (var t in to.Take(to.Count - 1)) changes.Add(new InsertVersion(t));
            changes.Add(new UpdateVersion(id, to[^1]));
        }
        else
        {
            string other;
            if (down.Count == 1) other = down[0];
            else
            {
                var present = down.Where(heads.Contains).ToList();
                if (present.Count != 1)
                    throw new RevisionGraphException($"Cannot update the version table for {id}: its down revision is ambiguous among the current heads.");
                other = present[0];
            }
            changes.Add(step.IsUpgrade ? new UpdateVersion(other, id) : new UpdateVersion(id, other));
        }
        Apply(heads, changes);
        return changes;
    }

    /// <summary>The parents a downgraded revision hands its row to: those no other current head already implies.</summary>
    private List<string> UnmergeTo(ISet<string> heads, string id, List<string> down)
    {
        var others = heads.Where(h => h != id).ToList();
        if (others.Count == 0) return down;
        var implied = Ancestors(others.Select(IndexOf)).Select(a => _revs[a].Id).ToHashSet(StringComparer.Ordinal);
        return down.Where(d => !implied.Contains(d)).ToList();
    }

    private static void Apply(ISet<string> heads, IEnumerable<VersionChange> changes)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case InsertVersion ins: heads.Add(ins.Id); break;
                case DeleteVersion del: heads.Remove(del.Id); break;
                case UpdateVersion upd: heads.Remove(upd.From); heads.Add(upd.To); break;
            }
        }
    }

    /// <summary>
    /// <c>stamp</c>: each target replaces the current heads on its line of descent (above or below it), joins as a
    /// new branch when no head is on its line, and <c>base</c> removes the rows. With purge, the table starts empty.
    /// </summary>
    public IReadOnlyList<StampStep> PlanStamp(IReadOnlyCollection<string> currentHeads, IReadOnlyList<string> targets, bool purge)
    {
        var heads = new HashSet<string>(purge ? [] : currentHeads, StringComparer.Ordinal);
        var known = heads.Where(h => _index.ContainsKey(h)).Select(IndexOf).ToList();
        var steps = new List<StampStep>();
        foreach (var target in targets)
        {
            var dests = ResolveIndices(target, known);
            if (dests.Count == 0)
            {
                // base removes every row; <branch>@base only the rows on that branch.
                var at = target.IndexOf('@');
                var label = at > 0 ? target[..at] : null;
                foreach (var h in heads.Where(h => label is null || (_index.TryGetValue(h, out var hi) && InBranch(hi, label))).OrderBy(h => h, StringComparer.Ordinal).ToList())
                {
                    VersionChange[] gone = [new DeleteVersion(h)];
                    Apply(heads, gone);
                    steps.Add(new StampStep([h], null, gone));
                }
                continue;
            }
            foreach (var dest in dests)
            {
                var id = _revs[dest].Id;
                if (heads.Contains(id)) continue;
                var above = Descendants([dest]);
                var below = Ancestors([dest]);
                var onLine = heads.Where(h => _index.TryGetValue(h, out var x) && (above.Contains(x) || below.Contains(x)))
                    .OrderBy(h => h, StringComparer.Ordinal).ToList();
                var step = new List<VersionChange>();
                if (onLine.Count == 0) step.Add(new InsertVersion(id));
                else
                {
                    foreach (var h in onLine.Take(onLine.Count - 1)) step.Add(new DeleteVersion(h));
                    step.Add(new UpdateVersion(onLine[^1], id));
                }
                Apply(heads, step);
                steps.Add(new StampStep(onLine, id, step));
            }
        }
        return steps;
    }
}
