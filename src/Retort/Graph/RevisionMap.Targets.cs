using System.Globalization;
using System.Text.RegularExpressions;

namespace Retort.Graph;

/// <summary>
/// The target grammar, resolved by Alembic's rules: head, heads, base, ids and prefixes, labels, label@…, lineage
/// filters (a label names the labelled revision's whole line: its ancestors and its descendants), and ±N walks
/// (up a branch only when a label says which, down ignoring labels).
/// </summary>
public sealed partial class RevisionMap
{
    /// <summary>Alembic's "base" symbol: a walk down went past a root and stopped exactly there.</summary>
    internal const int BaseNode = -1;

    /// <summary>No revision: base as an absolute target, or a walk that went past the end.</summary>
    internal const int NoNode = -2;

    // Concurrent: a fleet run resolves targets for many databases at once over one map.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Rev, bool Deps), HashSet<int>> _lineCache = [];

    private const string MultipleHeads =
        "Multiple head revisions are present for given argument '{0}'; please specify a specific target revision, '<branchname>@{0}' to narrow to a specific head, or 'heads' for all heads";

    /// <summary>
    /// Resolves a target without a database: ids, labels, head(s), base (none), <c>REV±N</c> and <c>label@±N</c>
    /// walks from a revision or from base, and <c>-N</c> (N below each head).
    /// </summary>
    public IReadOnlyList<Revision> Resolve(string target)
    {
        target = target.Trim();
        var m = RelativeDestination().Match(target);
        var nodes = m.Success && (m.Groups[2].Success || m.Groups[3].Value[0] == '+')
            ? ParseUpgradeTarget([], target, assertLength: true)
            : GetRevisions(target, target);
        if (nodes.Contains(NoNode) && m.Success) throw PastEnd(target);
        return nodes.Where(i => i >= 0).Distinct().Select(i => _revs[i]).ToList();
    }

    /// <summary>Ids and branch of a target, with head/heads/base expanded (Alembic's _resolve_revision_number).</summary>
    private (List<string?> Ids, string? Label) ResolveNumber(string? id)
    {
        string? label = null;
        if (id is not null && id.IndexOf('@') is var at and >= 0)
        {
            label = at == 0 ? null : id[..at];
            id = id[(at + 1)..];
        }
        switch (id)
        {
            case "heads":
                return (label is null ? _realHeadIdx.Select(Id).ToList() : FilterForLineage(_headIdx, label).Select(Id).ToList(), label);
            case "head":
                var head = CurrentHead(label);
                return (head is null ? [] : [Id(head.Value)], label);
            case null or "base" or "":
                return ([], label);
            default:
                return ([id], label);
        }
    }

    private string? Id(int i) => i >= 0 ? _revs[i].Id : null;

    /// <summary>The one head (of a branch); several are an error.</summary>
    private int? CurrentHead(string? label)
    {
        IReadOnlyList<int> heads = label is null ? _headIdx : FilterForLineage(_headIdx, label);
        if (heads.Count > 1)
            throw new RevisionGraphException(string.Format(CultureInfo.InvariantCulture, MultipleHeads, label is null ? "head" : label + "@head"));
        return heads.Count == 0 ? null : heads[0];
    }

    /// <summary>Every node a target names; <c>-N</c> (and <c>label@-N</c>) walks down from each (labelled) head.</summary>
    internal List<int> GetRevisions(string? id, string? shown = null)
    {
        var (ids, label) = ResolveNumber(id);
        // An all-digit id is an id (Python's int() would read it as a number, but only negatives walk).
        if (ids.Count == 1 && IntPattern().IsMatch(ids[0]!) && int.TryParse(ids[0], NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n) && n < 0)
        {
            return _realHeadIdx.Where(h => label is null || _labels[h].Contains(label))
                .Select(h => WalkSteps(h, n, null, noOverwalk: true, shown ?? id!)).ToList();
        }
        return ids.Select(x => RevisionForIdent(x, label)).ToList();
    }

    internal List<int> GetRevisions(IEnumerable<string> ids) => ids.SelectMany(x => GetRevisions(x)).ToList();

    /// <summary>Exactly one node (or none, for base); several heads are an error.</summary>
    internal int GetRevision(string? id)
    {
        var (ids, label) = ResolveNumber(id);
        if (ids.Count > 1) throw new RevisionGraphException(string.Format(CultureInfo.InvariantCulture, MultipleHeads, id));
        return RevisionForIdent(ids.Count == 0 ? null : ids[0], label);
    }

    /// <summary>An id, label or unique prefix, checked to be on the line of <paramref name="branch"/> when given.</summary>
    private int RevisionForIdent(string? id, string? branch)
    {
        var branchRev = branch is null ? (int?)null : ResolveBranch(branch);
        if (id is null) return NoNode;
        if (!TryKey(id, out var found))
        {
            var candidates = PrefixCandidates(id);
            if (branch is not null) candidates = FilterForLineage(candidates, branch);
            candidates = candidates.Distinct().ToList();
            if (candidates.Count == 0) throw new RevisionGraphException($"Can't locate revision identified by '{id}'");
            if (candidates.Count > 1)
                throw new RevisionGraphException($"Multiple revisions start with '{id}': {string.Join(", ", candidates.Select(c => _revs[c].Id))}");
            found = candidates[0];
        }
        if (branchRev is { } b && !Line(b, deps: false).Contains(found))
            throw new RevisionGraphException($"Revision {_revs[found].Id} is not a member of branch '{branch}'");
        return found;
    }

    private bool TryKey(string key, out int i) => _index.TryGetValue(key, out i) || _labelOwner.TryGetValue(key, out i);

    /// <summary>Ids (and labels) longer than three characters that start with the text, in load order.</summary>
    private List<int> PrefixCandidates(string text)
    {
        var list = new List<int>();
        for (var i = 0; i < _revs.Length; i++)
            if (_revs[i].Id.Length > 3 && _revs[i].Id.StartsWith(text, StringComparison.Ordinal)) list.Add(i);
        foreach (var (label, owner) in _labelOwner)
            if (label.Length > 3 && label.StartsWith(text, StringComparison.Ordinal) && !list.Contains(owner)) list.Add(owner);
        return list;
    }

    /// <summary>The revision a branch name stands for: the labelled revision, or a revision named by id or prefix.</summary>
    private int ResolveBranch(string label)
    {
        if (TryKey(label, out var i)) return i;
        try
        {
            return RevisionForIdent(label, null);
        }
        catch (RevisionGraphException)
        {
            throw new RevisionGraphException($"No such branch: '{label}'");
        }
    }

    /// <summary>A revision and everything above and below it: what "on the same line" means for labels.</summary>
    private HashSet<int> Line(int rev, bool deps)
    {
        if (!_lineCache.TryGetValue((rev, deps), out var line))
        {
            line = Ancestors([rev], deps);
            line.UnionWith(Descendants([rev], deps));
            _lineCache[(rev, deps)] = line;
        }
        return line;
    }

    /// <summary>The targets on the line of any revision <paramref name="checkAgainst"/> names (all when it names none).</summary>
    private List<int> FilterForLineage(IEnumerable<int> targets, string? checkAgainst, bool deps = false)
    {
        var shares = LineageOf(checkAgainst);
        return targets.Where(t => SharesLineage(t, shares, deps)).ToList();
    }

    /// <summary>The revisions a branch name or target stands for, when asking what lies on their line.</summary>
    private List<int> LineageOf(string? checkAgainst)
    {
        var (ids, label) = ResolveNumber(checkAgainst);
        var shares = new List<int>();
        if (label is not null) shares.Add(ResolveBranch(label));
        foreach (var x in ids)
        {
            try
            {
                shares.Add(RevisionForIdent(x, null));
            }
            catch (RevisionGraphException) when (label is null && ids.Count == 1 && x == checkAgainst)
            {
                throw new RevisionGraphException($"No such branch: '{x}'");
            }
        }
        return shares;
    }

    private bool SharesLineage(int target, List<int> shares, bool deps)
    {
        if (shares.Count == 0) return true;
        foreach (var s in shares)
            if (s >= 0 && target >= 0 && Line(s, deps).Contains(target)) return true;
        return false;
    }

    /// <summary>
    /// Walks |steps| up (versioned children, within the branch's line when a label is given) or down (versioned
    /// parents; labels are ignored going down). Past the end: <see cref="NoNode"/>, or where it stopped when
    /// <paramref name="noOverwalk"/> is false (history ranges).
    /// </summary>
    private int WalkSteps(int start, int steps, string? label, bool noOverwalk, string target)
    {
        var at = start;
        for (var k = 0; k < Math.Abs(steps); k++)
        {
            List<int> next;
            if (steps > 0)
            {
                if (at == BaseNode) return noOverwalk ? NoNode : at;
                IReadOnlyList<int> up = at == NoNode ? _baseIdx : _children[at];
                next = label is null ? up.ToList() : FilterForLineage(up, label);
            }
            else if (at == BaseNode) next = [];
            else
            {
                next = at == NoNode ? _headIdx.ToList() : _parents[at].ToList();
                if (next.Count == 0) next = [BaseNode];
            }
            if (next.Count == 0) return noOverwalk ? NoNode : at;
            if (next.Count > 1)
                throw new RevisionGraphException(
                    $"Relative revision '{target}' is ambiguous at {(at < 0 ? "base" : _revs[at].Id)}: it {(steps > 0 ? "branches into" : "merges")} {string.Join(", ", next.Select(i => _revs[i].Id))}; name a branch (<branch>@{target.Split('@')[^1]}) or a revision.");
            at = next[0];
        }
        return at;
    }

    /// <summary>Upgrade targets, relative ones taken from <paramref name="current"/> (the database, or a range's start).</summary>
    private List<int> ParseUpgradeTarget(IReadOnlyList<string> current, string target, bool assertLength)
    {
        var m = RelativeDestination().Match(target);
        if (!m.Success) return GetRevisions(target);
        var (label, symbol, relText) = Groups(m);
        var rel = int.Parse(relText, CultureInfo.InvariantCulture);
        if (rel > 0)
        {
            if (symbol is not null) return [WalkSteps(GetRevision(symbol), rel, label, assertLength, target)];
            var start = current.Count == 0 ? [NoNode] : current.Select(c => GetRevision(c)).ToList();
            if (label is not null)
            {
                var currentRevs = current.SelectMany(c => GetRevisions(c)).Where(c => c >= 0).ToList();
                start = FilterForLineage(currentRevs, label);
                if (start.Count == 0)
                {
                    // The branch has nothing applied at its tip: start from its newest applied revisions, or base.
                    var active = FilterForLineage(Ancestors(currentRevs), label).ToHashSet();
                    var below = active.SelectMany(a => _normDown[a]).ToHashSet();
                    start = active.Where(a => !below.Contains(a)).Order().ToList();
                    if (start.Count == 0) start = [NoNode];
                }
            }
            if (start.Count > 1)
                throw new RevisionGraphException($"Relative revision '{target}' is ambiguous: the database is at several heads ({string.Join(", ", start.Select(s => _revs[s].Id))}); use <branch>@{relText}.");
            var end = WalkSteps(start[0], rel, label, assertLength, target);
            if (end == NoNode) throw NotEnough(relText, rel);
            return [end];
        }
        if (symbol is null) throw NotEnough(relText, rel);
        return [WalkSteps(label is null ? GetRevision(symbol) : GetRevision($"{label}@{symbol}"), rel, null, assertLength, target)];
    }

    /// <summary>The branch a downgrade is limited to, and the node it goes down to (<see cref="NoNode"/> for base).</summary>
    private (string? Label, int Node) ParseDowngradeTarget(IReadOnlyList<string> current, string target, bool assertLength)
    {
        var m = RelativeDestination().Match(target);
        if (!m.Success)
        {
            var at = target.LastIndexOf('@');
            return (at > 0 ? target[..at] : null, GetRevision(target[(at + 1)..]));
        }
        var (label, symbol, relText) = Groups(m);
        var rel = int.Parse(relText, CultureInfo.InvariantCulture);
        if (rel >= 0)
        {
            if (symbol is null) throw NotEnough(relText, rel);
            var up = WalkSteps(GetRevision(symbol), rel, label, assertLength, target);
            if (up == NoNode) throw PastEnd(target);
            return (label, up);
        }
        var relative = symbol is null;
        if (relative)
        {
            if (label is not null)
            {
                var onBranch = FilterForLineage(current.Select(c => RevisionForIdent(c, null)), label);
                if (onBranch.Count == 0) onBranch = FilterForLineage(AllCurrent(current), label);
                if (onBranch.Count == 0) throw NotEnough(relText, rel);
                if (onBranch.Count > 1)
                    throw new RevisionGraphException($"Relative revision '{target}' is ambiguous: the database is at several revisions of branch '{label}' ({string.Join(", ", onBranch.Select(s => _revs[s].Id))}).");
                symbol = _revs[onBranch[0]].Id;
            }
            else
            {
                if (current.Count == 0) throw NotEnough(relText, rel);
                // Alembic warns and walks from whichever row the database returned first; Retort refuses to guess.
                if (current.Distinct().Count() > 1)
                    throw new RevisionGraphException($"Relative revision '{target}' is ambiguous: the database is at several heads ({string.Join(", ", current)}); use <branch>@{relText}.");
                symbol = current[0];
                label = symbol;
            }
        }
        var end = WalkSteps(label is null ? GetRevision(symbol) : GetRevision($"{label}@{symbol}"), rel, null, assertLength, target);
        if (end == NoNode) throw PastEnd(target);
        return (label, end);
    }

    /// <summary>The current revisions and what they imply, reduced to the tips of their versioned lines.</summary>
    private List<int> AllCurrent(IReadOnlyList<string> current)
    {
        var top = Ancestors(GetRevisions(current).Where(c => c >= 0));
        return top.Where(r => !Descendants([r], includeDeps: false).Any(d => d != r && top.Contains(d))).Order().ToList();
    }

    private static (string? Label, string? Symbol, string Relative) Groups(Match m) =>
        (m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : null,
         m.Groups[2].Success ? m.Groups[2].Value : null,
         m.Groups[3].Value);

    /// <summary>A relative target that walked past the end of the graph (Alembic: "Walked too far", or an assertion).</summary>
    internal static RevisionGraphException PastEnd(string target)
    {
        var m = RelativeDestination().Match(target);
        var rel = m.Success ? m.Groups[3].Value : "";
        return NotEnough(rel, rel.Length > 1 ? int.Parse(rel, CultureInfo.InvariantCulture) : 0);
    }

    private static RevisionGraphException NotEnough(string relText, int steps) =>
        new($"Relative revision {relText} didn't produce {Math.Abs(steps)} migrations");

    /// <summary>[label@][revision]±N, matched at the start as Alembic does.</summary>
    [GeneratedRegex(@"^(?:(.+?)@)?(\w+)?([+-]\d+)")]
    private static partial Regex RelativeDestination();

    [GeneratedRegex(@"^\s*[+-]?\d+\s*$")]
    private static partial Regex IntPattern();
}
