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
        // Loops, not LINQ over method groups: this runs once per step, 5000 times in a long offline script.
        var down = new List<string>(_normDown[i].Length);
        foreach (var d in _normDown[i]) down.Add(_revs[d].Id);
        var changes = new List<VersionChange>();

        if (!step.IsUpgrade && heads.Contains(id) && (down.Count == 0 || UnmergeTo(heads, id, down).Count == 0))
        {
            changes.Add(new DeleteVersion(id));
        }
        else if (step.IsUpgrade && CountIn(down, heads) == 0)
        {
            changes.Add(new InsertVersion(id));
        }
        else if (step.IsUpgrade && down.Count > 1 && CountIn(down, heads) > 1)
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

    private static int CountIn(List<string> ids, ISet<string> heads)
    {
        var n = 0;
        foreach (var id in ids)
            if (heads.Contains(id)) n++;
        return n;
    }

    /// <summary>The parents a downgraded revision hands its row to: those no other current head already implies.</summary>
    private List<string> UnmergeTo(ISet<string> heads, string id, List<string> down)
    {
        var others = heads.Where(h => h != id).ToList();
        var keep = down;
        if (others.Count > 0)
        {
            var implied = Ancestors(others.Select(IndexOf)).Select(a => _revs[a].Id).ToHashSet(StringComparer.Ordinal);
            keep = down.Where(d => !implied.Contains(d)).ToList();
        }
        // A dependency can also be implied by the revision's own down revision (depends_on is normalized one level
        // only). Alembic writes both rows then, a table its next upgrade refuses as overlapping; Retort keeps the tip.
        var i = IndexOf(id);
        if (keep.Count > 1 && _normDown[i].Length > _parents[i].Length)
        {
            var below = Ancestors(keep.SelectMany(d => _parents[IndexOf(d)].Concat(_deps[IndexOf(d)])));
            keep = keep.Where(d => !below.Contains(IndexOf(d))).ToList();
        }
        return keep;
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
    /// A version table whose rows overlap (one row is an ancestor of another, directly or through depends_on) does
    /// not describe a database any command can plan from; returns the message naming both rows, or null.
    /// </summary>
    public string? Inconsistency(IReadOnlyCollection<string> rows)
    {
        var known = rows.Where(_index.ContainsKey).Distinct().Select(IndexOf).ToList();
        if (known.Count < 2) return null;
        var starts = new List<int>();
        foreach (var r in known)
        {
            starts.AddRange(_parents[r]);
            starts.AddRange(_deps[r]);
        }
        var below = Ancestors(starts);
        var lower = known.FirstOrDefault(below.Contains, -1);
        if (lower < 0) return null;
        var upper = known.First(r => r != lower && Ancestors([r]).Contains(lower));
        return $"The version table is inconsistent: it holds both {_revs[lower].Id} and {_revs[upper].Id}, but {_revs[lower].Id} is an ancestor of {_revs[upper].Id}. " +
            "Record the revisions the database is really at with 'retort stamp --purge REV...'.";
    }

    /// <summary>
    /// <c>stamp</c>, by Alembic's rule for each target: the current heads on the target's line (above or below it,
    /// through depends_on too) are replaced by it in one step, it joins as a new branch when no head is on its
    /// line, and <c>base</c> (or <c>branch@base</c>) removes the rows on that line. With purge, the table starts
    /// empty. Targets that overlap each other are refused: the table would name a revision and its ancestor.
    /// </summary>
    public IReadOnlyList<StampStep> PlanStamp(IReadOnlyCollection<string> currentHeads, IReadOnlyList<string> targets, bool purge)
    {
        var heads = new List<string>(purge ? [] : currentHeads.Distinct());
        var resolved = targets.Select(t => (Target: t.Trim(), Dests: GetRevisions(t.Trim()).Where(d => d >= 0).Distinct().ToList())).ToList();
        var all = resolved.SelectMany(r => r.Dests).Distinct().ToList();
        foreach (var d in all)
        {
            var below = Ancestors([d]);
            var other = all.FirstOrDefault(o => o != d && below.Contains(o), -1);
            if (other >= 0)
                throw new RevisionGraphException($"Cannot stamp both {_revs[other].Id} and {_revs[d].Id}: {_revs[other].Id} is an ancestor of {_revs[d].Id}, and the version table would be inconsistent. Stamp {_revs[d].Id} alone.");
        }
        var steps = new List<StampStep>();
        foreach (var (target, dests) in resolved)
        {
            var shares = LineageOf(target);
            var onLine = heads.Where(h => !_index.TryGetValue(h, out var hi) || SharesLineage(hi, shares, deps: true)).ToList();
            if (dests.Count == 0)
            {
                foreach (var h in onLine)
                {
                    VersionChange[] gone = [new DeleteVersion(h)];
                    heads.Remove(h);
                    steps.Add(new StampStep([h], null, gone));
                }
                continue;
            }
            foreach (var dest in dests)
            {
                var id = _revs[dest].Id;
                if (heads.Contains(id)) continue;
                var line = Line(dest, deps: true);
                // As Alembic: when any head on the target's line is above or below it, all of them make way for it.
                var present = onLine.Where(heads.Contains).ToList();
                var from = present.Any(h => _index.TryGetValue(h, out var x) && line.Contains(x)) ? present : [];
                var step = new List<VersionChange>();
                if (from.Count == 0) step.Add(new InsertVersion(id));
                else
                {
                    foreach (var h in from.Take(from.Count - 1)) step.Add(new DeleteVersion(h));
                    step.Add(new UpdateVersion(from[^1], id));
                }
                foreach (var h in from) heads.Remove(h);
                heads.Add(id);
                steps.Add(new StampStep(from, id, step));
            }
        }
        return steps;
    }
}
