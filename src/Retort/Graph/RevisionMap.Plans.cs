namespace Retort.Graph;

/// <summary>Which revisions to run, in which order, for upgrade, downgrade and history.</summary>
public sealed partial class RevisionMap
{
    public IReadOnlyList<MigrationStep> PlanUpgrade(IReadOnlyCollection<string> currentHeads, string target)
    {
        var current = currentHeads.Select(IndexOf).ToList();
        var targets = ResolveIndices(target, current);
        var needs = Ancestors(targets);
        needs.ExceptWith(Ancestors(current));
        var order = TopologicalSort(needs, targets);
        order.Reverse();
        return order.Select(i => new MigrationStep(_revs[i], IsUpgrade: true)).ToList();
    }

    public IReadOnlyList<MigrationStep> PlanDowngrade(IReadOnlyCollection<string> currentHeads, string target)
    {
        var current = currentHeads.Select(IndexOf).ToList();
        var (label, destination) = DowngradeTarget(target, current);
        List<int> roots;
        if (destination is null)
        {
            roots = Enumerable.Range(0, _revs.Length).Where(i => _parents[i].Length == 0).ToList();
        }
        else
        {
            roots = _children[destination.Value].ToList();
        }
        if (label is not null && roots.Count > 1)
        {
            var owner = _labelOwner.TryGetValue(label, out var o) ? o : IndexOf(label);
            var ancestors = Ancestors([owner], includeDeps: false);
            roots = roots.Where(ancestors.Contains).ToList();
            if (roots.Count == 0) throw new RevisionGraphException("Not a valid downgrade target from current heads");
        }
        var remove = Descendants(roots);
        remove.IntersectWith(Ancestors(current));
        if (destination is not null && remove.Count == 0 && !current.Contains(destination.Value))
            throw new RevisionGraphException(
                $"Destination {_revs[destination.Value].Id} is not a valid downgrade target from current head(s) ({(current.Count == 0 ? "base" : string.Join(", ", current.Select(c => _revs[c].Id)))}).");
        return TopologicalSort(remove, current).Select(i => new MigrationStep(_revs[i], IsUpgrade: false)).ToList();
    }

    /// <summary>The revision a downgrade goes down to (null for base), and the branch it is limited to.</summary>
    private (string? Label, int? Destination) DowngradeTarget(string target, List<int> current)
    {
        var at = target.IndexOf('@');
        var label = at > 0 ? target[..at] : null;
        var resolved = ResolveIndices(target, current);
        if (resolved.Count > 1)
            throw new RevisionGraphException($"Downgrade target '{target}' names several revisions ({string.Join(", ", resolved.Select(r => _revs[r].Id))}); name one.");
        return (label, resolved.Count == 0 ? null : resolved[0]);
    }

    /// <summary>History order, newest first: revisions from <paramref name="upper"/> down to <paramref name="lower"/>, both inclusive.</summary>
    public IReadOnlyList<Revision> Walk(string upper = "heads", string lower = "base")
    {
        var targets = ResolveIndices(upper, null);
        var lowers = ResolveIndices(lower, null);
        var needs = Ancestors(targets);
        if (lowers.Count > 0)
        {
            var below = Ancestors(lowers);
            below.ExceptWith(lowers);
            needs.ExceptWith(below);
            needs.IntersectWith(Descendants(lowers, includeDeps: false));
        }
        return TopologicalSort(needs, targets).Select(i => _revs[i]).ToList();
    }

    /// <summary>
    /// Alembic's ordering, newest first: follow one line of descent from a head for as long as no other pending
    /// head still needs the next revision, so that each branch runs in one stretch; ties go by load order.
    /// </summary>
    private List<int> TopologicalSort(HashSet<int> todo, IReadOnlyCollection<int> heads)
    {
        var output = new List<int>(todo.Count);
        if (todo.Count == 0) return output;
        var pending = new HashSet<int>(todo);
        var currentHeads = heads.Where(pending.Contains).Distinct().OrderBy(i => i).ToList();
        var ancestorsByHead = currentHeads.Select(h => Ancestors([h])).ToList();
        var idx = 0;
        while (currentHeads.Count > 0)
        {
            var candidate = currentHeads[idx];
            var blocked = false;
            for (var h = 0; h < ancestorsByHead.Count; h++)
            {
                if (h != idx && ancestorsByHead[h].Contains(candidate))
                {
                    idx = h; // another head still leads through this revision: finish that line first
                    blocked = true;
                    break;
                }
            }
            if (blocked) continue;

            if (pending.Remove(candidate)) output.Add(candidate);
            var down = _normDown[candidate].Where(r => pending.Contains(r) && !currentHeads.Contains(r)).ToList();
            if (down.Count == 0)
            {
                currentHeads.RemoveAt(idx);
                ancestorsByHead.RemoveAt(idx);
                idx = Math.Max(idx - 1, 0);
            }
            else if (_deps[candidate].Length == 0 && _parents[candidate].Length == 1)
            {
                currentHeads[idx] = down[0];
                ancestorsByHead[idx].Remove(candidate);
            }
            else
            {
                currentHeads.RemoveAt(idx);
                ancestorsByHead.RemoveAt(idx);
                idx = Math.Max(idx - 1, 0);
                foreach (var r in down)
                {
                    currentHeads.Add(r);
                    ancestorsByHead.Add(Ancestors([r]));
                }
            }
        }
        // Revisions no head leads to (only possible with unusual dependency shapes) still run, parents first.
        if (pending.Count > 0) output.AddRange(pending.OrderByDescending(i => i));
        return output;
    }
}
