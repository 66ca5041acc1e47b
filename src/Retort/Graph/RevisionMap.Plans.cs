namespace Retort.Graph;

/// <summary>Which revisions to run, in which order, for upgrade, downgrade and history: Alembic's rules.</summary>
public sealed partial class RevisionMap
{
    public IReadOnlyList<MigrationStep> PlanUpgrade(IReadOnlyCollection<string> currentHeads, string target)
    {
        var (needs, targets) = CollectUpgrade(target.Trim(), currentHeads.ToList(), lowerText: null, inclusive: false, implicitBase: true, assertLength: true);
        var order = TopologicalSort(needs, targets);
        order.Reverse();
        return order.Select(i => new MigrationStep(_revs[i], IsUpgrade: true)).ToList();
    }

    public IReadOnlyList<MigrationStep> PlanDowngrade(IReadOnlyCollection<string> currentHeads, string target)
    {
        target = target.Trim();
        var current = currentHeads.ToList();
        var (label, destination) = ParseDowngradeTarget(current, target, assertLength: true);
        if (destination == BaseNode) destination = NoNode;
        List<int> roots = destination == NoNode ? _baseIdx.ToList() : _children[destination].ToList();
        if (label is not null && roots.Count > 1)
        {
            // A branch narrows which children of the destination go: those below the branch's revision.
            var ancestors = Ancestors([ResolveBranch(label)], includeDeps: false);
            roots = roots.Where(ancestors.Contains).ToList();
            if (roots.Count == 0) throw new RevisionGraphException("Not a valid downgrade target from current heads");
        }
        var heads = GetRevisions(current).Where(h => h >= 0).ToList();
        var remove = Descendants(roots);
        remove.IntersectWith(Ancestors(heads));
        if (destination >= 0 && remove.Count == 0 && !heads.Contains(destination))
            throw new RevisionGraphException(
                $"Destination {target} is not a valid downgrade target from current head(s) ({(current.Count == 0 ? "base" : string.Join(", ", current))}).");
        return TopologicalSort(remove, heads).Select(i => new MigrationStep(_revs[i], IsUpgrade: false)).ToList();
    }

    /// <summary>History order, newest first: revisions from <paramref name="upper"/> down to <paramref name="lower"/>, both inclusive.</summary>
    public IReadOnlyList<Revision> Walk(string upper = "heads", string lower = "base")
    {
        var (needs, targets) = CollectUpgrade(upper.Trim(), [lower.Trim()], lower.Trim(), inclusive: true, implicitBase: false, assertLength: false);
        // A range's start cuts the set by versioned descent only; with depends_on that can leave gaps.
        var convex = lower.Trim() == "base" || !_hasDeps;
        return TopologicalSort(needs, targets, convex).Select(i => _revs[i]).ToList();
    }

    /// <summary>
    /// What an upgrade to <paramref name="upper"/> from <paramref name="lower"/> needs, and the targets to order it by.
    /// For upgrade the lower end is the database (any revision below the targets is fine); for history it is a
    /// range start, which must be on the same line as the end.
    /// </summary>
    private (HashSet<int> Needs, List<int> Targets) CollectUpgrade(string upper, List<string> lower, string? lowerText, bool inclusive, bool implicitBase, bool assertLength)
    {
        var targets = ParseUpgradeTarget(lower, upper, assertLength);
        if (targets.Contains(NoNode) && assertLength)
            throw PastEnd(upper);
        targets = targets.Where(t => t >= 0).ToList();
        if (lowerText is not null && lowerText.IndexOf('@') is var at and > 0)
        {
            // A range starting at <branch>@… keeps only the targets on that branch.
            var branch = lowerText[..at];
            var branchRev = GetRevision(branch);
            if (branchRev >= 0 && _revs[branchRev].Id == branch)
            {
                if (_labels[branchRev].Count != 1)
                    throw new RevisionGraphException($"Revision {branch} used as a branch name must carry exactly one branch label.");
                branch = _labels[branchRev].First();
            }
            targets = targets.Where(t => _labels[t].Contains(branch)).Distinct().ToList();
        }
        var required = AncestorsNoOverlap(targets);
        var current = GetRevisions(lower);
        if (!implicitBase && current.Any(c => c != NoNode && (c == BaseNode || !required.Contains(c))))
            throw new RevisionGraphException($"Requested range {lowerText}:{upper} does not refer to ancestor/descendant revisions along the same branch");
        if (current.Count > 0 && current[0] == NoNode)
        {
            // A relative start that walked past the graph: read it as a downgrade target from the end.
            var (_, rev) = ParseDowngradeTarget([upper], lowerText ?? "", assertLength);
            current = rev < 0 ? [] : [rev];
            lower = rev < 0 ? [] : [_revs[rev].Id];
        }
        current = current.Where(c => c >= 0).ToList();
        var needs = required;
        needs.ExceptWith(AncestorsNoOverlap(current));
        if (inclusive) needs.UnionWith(GetRevisions(lower).Where(c => c >= 0));
        if (current.Count > 0 && !implicitBase)
        {
            CheckNoOverlap(current, includeDeps: false, up: true);
            needs.IntersectWith(Descendants(current, includeDeps: false));
        }
        return (needs, targets);
    }

    /// <summary>The revisions and their ancestors; none of them may be an ancestor of another (Alembic's check).</summary>
    private HashSet<int> AncestorsNoOverlap(List<int> revs)
    {
        CheckNoOverlap(revs, includeDeps: true, up: false);
        return Ancestors(revs);
    }

    private void CheckNoOverlap(List<int> revs, bool includeDeps, bool up)
    {
        if (revs.Count < 2) return;
        var starts = new List<int>();
        foreach (var r in revs)
        {
            starts.AddRange(up ? _children[r] : _parents[r]);
            if (includeDeps) starts.AddRange(up ? _dependents[r] : _deps[r]);
        }
        var strict = up ? Descendants(starts, includeDeps) : Ancestors(starts, includeDeps);
        var hit = revs.FirstOrDefault(strict.Contains, -1);
        if (hit < 0) return;
        var over = revs.First(r => r != hit && (up ? Descendants([r], includeDeps) : Ancestors([r], includeDeps)).Contains(hit));
        throw new RevisionGraphException($"Requested revision {_revs[over].Id} overlaps with other requested revisions {_revs[hit].Id}");
    }

    /// <summary>
    /// Alembic's order, newest first. Walk down from the targets, ordered by load order; a revision is emitted once
    /// no other pending line still leads through it (otherwise the first such line goes first). At a merge point or
    /// a revision with dependencies, its first down revision takes the current line's place and the others are
    /// appended as new lines; a plain revision just hands its place to its parent.
    /// </summary>
    /// <param name="todo">The revisions to order.</param>
    /// <param name="heads">Where the lines start: the targets, or the database's revisions for a downgrade.</param>
    /// <param name="convex">
    /// Whether every revision on a path between two revisions of <paramref name="todo"/> is in it too (true for
    /// upgrade, downgrade and history from base). Then "another line leads through the candidate" is answered by a
    /// search up from the candidate through pending revisions only, which is short; Alembic instead keeps the
    /// full ancestor set of every line and recomputes it at each merge point. Both give the same answer: a revision
    /// already emitted is never below a pending one.
    /// </param>
    private List<int> TopologicalSort(HashSet<int> todo, IEnumerable<int> heads, bool convex = true)
    {
        var output = new List<int>(todo.Count);
        if (todo.Count == 0) return output;
        var pending = new HashSet<int>(todo);
        var current = heads.Where(pending.Contains).Distinct().Order().ToList();
        var ancestors = convex ? null : current.Select(h => Ancestors([h])).ToList();
        var idx = 0;
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        while (current.Count > 0)
        {
            var candidate = current[idx];
            var blockedBy = convex ? LineAbove(candidate, idx, current, pending, seen, stack) : LineThrough(candidate, idx, ancestors!);
            if (blockedBy >= 0)
            {
                idx = blockedBy;
                continue;
            }

            if (pending.Remove(candidate)) output.Add(candidate);
            var down = _normDown[candidate];
            var add = new List<int>(down.Length);
            foreach (var r in down)
                if (pending.Contains(r) && !current.Contains(r)) add.Add(r);
            if (add.Count == 0)
            {
                current.RemoveAt(idx);
                ancestors?.RemoveAt(idx);
                idx = Math.Max(idx - 1, 0);
            }
            else if (_parents[candidate].Length == 1 && down.Length == 1)
            {
                current[idx] = add[0];
                ancestors?[idx].Remove(candidate);
            }
            else
            {
                current[idx] = add[0];
                if (ancestors is not null) ancestors[idx] = Ancestors([add[0]]);
                for (var k = 1; k < add.Count; k++)
                {
                    current.Add(add[k]);
                    ancestors?.Add(Ancestors([add[k]]));
                }
            }
        }
        // Alembic asserts nothing is left; with a valid graph nothing is.
        if (pending.Count > 0) throw new InvalidOperationException($"Revision ordering left {pending.Count} revision(s) out.");
        return output;
    }

    /// <summary>For tests: a whole history in both ways of answering the check (they must agree).</summary>
    internal (List<int> Search, List<int> Sets) BothOrders(string upper, string lower)
    {
        var (needs, targets) = CollectUpgrade(upper, [lower], lower, inclusive: true, implicitBase: false, assertLength: false);
        return (TopologicalSort(needs, targets, convex: true), TopologicalSort(needs, targets, convex: false));
    }

    /// <summary>The first other line whose ancestor set holds the candidate (Alembic's check, on kept sets).</summary>
    private static int LineThrough(int candidate, int idx, List<HashSet<int>> ancestors)
    {
        for (var h = 0; h < ancestors.Count; h++)
            if (h != idx && ancestors[h].Contains(candidate)) return h;
        return -1;
    }

    /// <summary>The first other line whose head is above the candidate, found by searching up through pending revisions.</summary>
    private int LineAbove(int candidate, int idx, List<int> current, HashSet<int> pending, HashSet<int> seen, Stack<int> stack)
    {
        if (current.Count < 2) return -1;
        var best = -1;
        seen.Clear();
        stack.Clear();
        stack.Push(candidate);
        seen.Add(candidate);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            var up = _children[x];
            for (var k = 0; k < up.Count + _dependents[x].Count; k++)
            {
                var c = k < up.Count ? up[k] : _dependents[x][k - up.Count];
                if (!pending.Contains(c) || !seen.Add(c)) continue;
                stack.Push(c);
                var h = current.IndexOf(c);
                if (h >= 0 && h != idx && (best < 0 || h < best)) best = h;
            }
        }
        return best;
    }
}
