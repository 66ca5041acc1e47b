namespace Retort.Graph;

/// <summary>
/// The revision graph: pure, no I/O. Built from revisions in load order and validated on construction (ids,
/// duplicates, labels, missing parents, cycles); then answers heads, targets, plans and version-row changes in
/// time linear in the number of revisions.
/// </summary>
public sealed partial class RevisionMap
{
    private readonly Revision[] _revs;
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _parents;      // versioned down revisions
    private readonly int[][] _deps;         // depends_on, resolved to revisions
    private readonly int[][] _normDown;     // parents + dependencies not already implied by an ancestor
    private readonly List<int>[] _children; // revisions naming this one as a down revision
    private readonly List<int>[] _dependents; // revisions naming this one in depends_on
    private readonly Dictionary<string, int> _labelOwner; // label -> revision that declares it
    private readonly HashSet<string>[] _labels; // declared and propagated labels per revision
    private readonly IReadOnlyList<Revision> _heads;
    private readonly IReadOnlyList<Revision> _bases;
    private readonly int[] _headIdx;     // no versioned children, load order (Alembic's heads)
    private readonly int[] _realHeadIdx; // no children and no dependents: what "heads" targets
    private readonly int[] _baseIdx;     // no down revision, load order
    private readonly bool _hasDeps;      // any depends_on at all

    public RevisionMap(IEnumerable<Revision> revisions)
    {
        _revs = revisions.ToArray();
        var n = _revs.Length;
        _index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var rev = _revs[i];
            GraphValidator.CheckId(rev);
            if (_index.TryGetValue(rev.Id, out var other))
                throw new RevisionGraphException($"Duplicate revision id {rev.Id} in {Where(_revs[other])} and {Where(rev)}.");
            _index[rev.Id] = i;
        }

        _labelOwner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
            foreach (var label in _revs[i].BranchLabels)
            {
                if (_labelOwner.TryGetValue(label, out var other))
                    throw new RevisionGraphException($"Branch label '{label}' is used by both {Describe(other)} and {Describe(i)}.");
                if (_index.ContainsKey(label))
                    throw new RevisionGraphException($"Branch label '{label}' of {Describe(i)} is also a revision id.");
                _labelOwner[label] = i;
            }

        _parents = new int[n][];
        _deps = new int[n][];
        _children = new List<int>[n];
        _dependents = new List<int>[n];
        for (var i = 0; i < n; i++) { _children[i] = []; _dependents[i] = []; }
        for (var i = 0; i < n; i++)
        {
            var rev = _revs[i];
            _parents[i] = ParentIndexes(i);
            _deps[i] = DependencyIndexes(i);
            foreach (var p in _parents[i]) _children[p].Add(i);
            foreach (var d in _deps[i])
            {
                if (d == i) throw new RevisionGraphException($"Revision {Describe(i)} depends on itself.");
                _dependents[d].Add(i);
            }
        }
        GraphValidator.CheckAcyclic(this);

        _normDown = new int[n][];
        for (var i = 0; i < n; i++) _normDown[i] = NormalizeDown(i);
        _labels = PropagateLabels();

        // Loops rather than LINQ over int: generic code over a value type is not in the ReadyToRun image, and this
        // runs on every command.
        List<int> heads = [], realHeads = [], bases = [];
        for (var i = 0; i < n; i++)
        {
            _hasDeps |= _deps[i].Length > 0;
            if (_children[i].Count == 0)
            {
                heads.Add(i);
                if (_dependents[i].Count == 0) realHeads.Add(i);
            }
            if (_parents[i].Length == 0) bases.Add(i);
        }
        _headIdx = heads.ToArray();
        _realHeadIdx = realHeads.ToArray();
        _baseIdx = bases.ToArray();
        _heads = Array.ConvertAll(_headIdx, i => _revs[i]);
        _bases = Array.ConvertAll(_baseIdx, i => _revs[i]);
    }

    /// <summary>Indexes of a revision's down revisions, first occurrence of each, in order.</summary>
    private int[] ParentIndexes(int i)
    {
        var downs = _revs[i].DownRevisions;
        if (downs.Count == 0) return [];
        var found = new List<int>(downs.Count);
        foreach (var d in downs)
        {
            if (!_index.TryGetValue(d, out var p))
                throw new RevisionGraphException($"Revision {Describe(i)} names down revision '{d}' which does not exist.");
            if (p == i) throw new RevisionGraphException($"Revision {Describe(i)} names itself as its down revision.");
            if (!found.Contains(p)) found.Add(p);
        }
        return found.ToArray();
    }

    /// <summary>Indexes of a revision's dependencies (ids or branch labels), first occurrence of each, in order.</summary>
    private int[] DependencyIndexes(int i)
    {
        var deps = _revs[i].DependsOn;
        if (deps.Count == 0) return [];
        var found = new List<int>(deps.Count);
        foreach (var d in deps)
        {
            var p = _index.TryGetValue(d, out var byId) ? byId
                : _labelOwner.TryGetValue(d, out var byLabel) ? byLabel
                : throw new RevisionGraphException($"Revision {Describe(i)} depends on '{d}' which does not exist.");
            if (!found.Contains(p)) found.Add(p);
        }
        return found.ToArray();
    }

    public IReadOnlyList<Revision> All => _revs;

    public IReadOnlyList<Revision> Heads => _heads;

    public IReadOnlyList<Revision> Bases => _bases;

    public Revision? Find(string exactId) => _index.TryGetValue(exactId, out var i) ? _revs[i] : null;

    public IReadOnlyList<Revision> Children(string id) => _children[IndexOf(id)].Select(c => _revs[c]).ToList();

    public bool IsHead(string id) => _index.TryGetValue(id, out var i) && _children[i].Count == 0;

    /// <summary>A head that no revision depends on either; a head others depend on is only an "effective head".</summary>
    public bool IsRealHead(string id) => _index.TryGetValue(id, out var i) && _children[i].Count == 0 && _dependents[i].Count == 0;

    public bool IsBranchPoint(string id) => _index.TryGetValue(id, out var i) && _children[i].Count > 1;

    /// <summary>The current revisions plus the dependencies they imply, reduced to the tips of their lines.</summary>
    public IReadOnlyList<Revision> EffectiveCurrent(IReadOnlyCollection<string> current)
    {
        var all = Ancestors(current.Select(IndexOf));
        return all.Where(i => !_children[i].Any(all.Contains)).OrderBy(i => i).Select(i => _revs[i]).ToList();
    }

    /// <summary>All labels that apply to a revision: its own and those carried along its branch line.</summary>
    public IReadOnlyCollection<string> LabelsOf(string id) => _labels[IndexOf(id)];

    internal int Count => _revs.Length;

    internal int IndexOf(string id) =>
        _index.TryGetValue(id, out var i) ? i : throw new RevisionGraphException($"Can't locate revision identified by '{id}'");

    internal IReadOnlyList<int> ParentsOf(int i) => _parents[i];

    internal IReadOnlyList<int> DepsOf(int i) => _deps[i];

    internal string Describe(int i) => Where(_revs[i]);

    private static string Where(Revision r) => r.Path is null ? r.Id : $"{r.Id} ({r.Path})";

    /// <summary>Dependencies that an ancestor already depends on are implied, as in Alembic.</summary>
    private int[] NormalizeDown(int i)
    {
        if (_deps[i].Length == 0) return _parents[i];
        var deps = new HashSet<int>(_deps[i]);
        foreach (var a in Ancestors([i], includeDeps: false))
            if (a != i) deps.ExceptWith(_deps[a]);
        return _parents[i].Concat(_deps[i].Where(deps.Contains)).Distinct().ToArray();
    }

    /// <summary>
    /// A label spreads to the revision's descendants and down its line to the nearest branch point (counting
    /// dependents, as Alembic does) or merge point. Alembic starts that walk down from whichever descendant its
    /// set iteration yields last, which varies between runs when the descendants branch; Retort starts it from
    /// the labelled revision, so the result is the same on every run.
    /// </summary>
    private HashSet<string>[] PropagateLabels()
    {
        var labels = new HashSet<string>[_revs.Length];
        for (var i = 0; i < labels.Length; i++) labels[i] = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, owner) in _labelOwner)
        {
            foreach (var d in Descendants([owner], includeDeps: false)) labels[d].Add(label);
            var p = owner;
            while (_children[p].Count + _dependents[p].Count <= 1 && _parents[p].Length == 1)
            {
                labels[p].Add(label);
                p = _parents[p][0];
            }
            if (_children[p].Count + _dependents[p].Count <= 1 && _parents[p].Length <= 1) labels[p].Add(label);
        }
        return labels;
    }

    /// <summary>The given revisions and everything below them (parents, and dependencies when asked).</summary>
    internal HashSet<int> Ancestors(IEnumerable<int> start, bool includeDeps = true) =>
        Closure(start, _parents, includeDeps ? _deps : null);

    /// <summary>The given revisions and everything above them (children, and dependents when asked).</summary>
    internal HashSet<int> Descendants(IEnumerable<int> start, bool includeDeps = true) =>
        Closure(start, _children, includeDeps ? _dependents : null);

    /// <summary>Depth-first closure over one or two edge lists; plain loops, as history on big branched graphs
    /// computes many of these.</summary>
    private static HashSet<int> Closure<TEdges>(IEnumerable<int> start, TEdges[] edges, TEdges[]? moreEdges) where TEdges : IReadOnlyList<int>
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(start);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            if (!seen.Add(i)) continue;
            var e = edges[i];
            for (var k = 0; k < e.Count; k++) stack.Push(e[k]);
            if (moreEdges is null) continue;
            var m = moreEdges[i];
            for (var k = 0; k < m.Count; k++) stack.Push(m[k]);
        }
        return seen;
    }

    internal IReadOnlyList<int> ChildrenOf(int i) => _children[i];

    internal IReadOnlyList<int> NormalizedDown(int i) => _normDown[i];

    internal Revision Rev(int i) => _revs[i];

    internal bool TryIndex(string id, out int i) => _index.TryGetValue(id, out i);

    internal bool TryLabel(string label, out int owner) => _labelOwner.TryGetValue(label, out owner);

    internal bool HasLabel(int i, string label) => _labels[i].Contains(label);
}
