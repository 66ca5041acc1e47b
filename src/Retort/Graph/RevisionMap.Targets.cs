using System.Globalization;
using System.Text.RegularExpressions;

namespace Retort.Graph;

/// <summary>The target grammar: head, heads, base, ids and prefixes, labels, label@…, and ±N steps.</summary>
public sealed partial class RevisionMap
{
    private readonly Dictionary<string, HashSet<int>> _lineCache = new(StringComparer.Ordinal);

    private const string MultipleHeads =
        "Multiple head revisions are present for given argument '{0}'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads";

    /// <summary>Resolves an absolute target to revisions; <c>base</c> resolves to none.</summary>
    public IReadOnlyList<Revision> Resolve(string target) =>
        ResolveIndices(target, current: null).Select(i => _revs[i]).ToList();

    /// <summary>A target, with relative forms (+N, -N, label@±N) taken from <paramref name="current"/> when given.</summary>
    internal IReadOnlyList<int> ResolveIndices(string target, IReadOnlyCollection<int>? current)
    {
        target = target.Trim();
        if (target.Length == 0) throw new RevisionGraphException("An empty revision target was given.");
        string? label = null;
        var rest = target;
        var at = target.IndexOf('@');
        if (at >= 0)
        {
            label = target[..at];
            rest = target[(at + 1)..];
            if (label.Length == 0 || rest.Length == 0) throw new RevisionGraphException($"Bad revision target '{target}': expected <branch>@<revision>.");
            CheckBranch(label, target);
        }

        var m = RelativePattern().Match(rest);
        if (m.Success)
        {
            var anchorText = m.Groups["anchor"].Value;
            var steps = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["sign"].Value == "-" ? -1 : 1);
            int? anchor;
            if (anchorText.Length == 0)
            {
                if (current is null)
                    throw new RevisionGraphException($"Relative revision '{target}' needs a starting point: it is only meaningful for upgrade and downgrade, or write it as head{m.Groups["sign"].Value}{m.Groups["n"].Value}.");
                anchor = CurrentAnchor(current, label, target);
            }
            else
            {
                var anchors = Absolute(anchorText, label, target);
                if (anchors.Count > 1) throw new RevisionGraphException(string.Format(CultureInfo.InvariantCulture, MultipleHeads, anchorText));
                anchor = anchors.Count == 0 ? null : anchors[0];
            }
            var end = Step(anchor, steps, label, target);
            return end is null ? [] : [end.Value];
        }
        return Absolute(rest, label, target);
    }

    private void CheckBranch(string label, string target)
    {
        if (!_labelOwner.ContainsKey(label) && !_index.ContainsKey(label) && Prefix(label).Count != 1)
            throw new RevisionGraphException($"No such branch: '{label}' (in target '{target}').");
    }

    /// <summary>Revisions an absolute target names, within a branch when <paramref name="label"/> is given.</summary>
    private List<int> Absolute(string text, string? label, string target)
    {
        switch (text)
        {
            case "base":
                return [];
            case "heads":
                return Enumerable.Range(0, _revs.Length).Where(i => _children[i].Count == 0 && InBranch(i, label)).ToList();
            case "head":
            {
                var heads = Enumerable.Range(0, _revs.Length).Where(i => _children[i].Count == 0 && InBranch(i, label)).ToList();
                if (heads.Count > 1)
                    throw new RevisionGraphException(string.Format(CultureInfo.InvariantCulture, MultipleHeads, label is null ? "head" : target));
                return heads;
            }
        }
        int found;
        if (_index.TryGetValue(text, out found)) { }
        else if (_labelOwner.TryGetValue(text, out found)) { }
        else
        {
            var candidates = Prefix(text);
            if (candidates.Count == 0) throw new RevisionGraphException($"Can't locate revision identified by '{text}'");
            if (candidates.Count > 1)
                throw new RevisionGraphException($"Multiple revisions start with '{text}': {string.Join(", ", candidates.Select(c => _revs[c].Id))}");
            found = candidates[0];
        }
        if (label is not null && !InBranch(found, label))
            throw new RevisionGraphException($"Revision {_revs[found].Id} is not a member of branch '{label}'");
        return [found];
    }

    private List<int> Prefix(string text)
    {
        var list = new List<int>();
        for (var i = 0; i < _revs.Length; i++)
            if (_revs[i].Id.StartsWith(text, StringComparison.Ordinal)) list.Add(i);
        return list;
    }

    /// <summary>Whether a revision belongs to the branch named by a label (or by a revision used as branch name).</summary>
    private bool InBranch(int i, string? label)
    {
        if (label is null) return true;
        if (_labelOwner.ContainsKey(label)) return HasLabel(i, label);
        if (!_lineCache.TryGetValue(label, out var line))
        {
            var named = _index.TryGetValue(label, out var r) ? r : Prefix(label)[0];
            line = Ancestors([named], includeDeps: false);
            line.UnionWith(Descendants([named], includeDeps: false));
            _lineCache[label] = line;
        }
        return line.Contains(i);
    }

    private int? CurrentAnchor(IReadOnlyCollection<int> current, string? label, string target)
    {
        var candidates = current.Where(c => InBranch(c, label)).ToList();
        if (candidates.Count > 1)
            throw new RevisionGraphException($"Relative revision '{target}' is ambiguous: the database is at several heads ({string.Join(", ", candidates.Select(c => _revs[c].Id))}); use <branch>@{target.Split('@')[^1]}.");
        return candidates.Count == 0 ? null : candidates[0];
    }

    /// <summary>Walks <paramref name="steps"/> up (children) or down (parents) from the anchor; null anchor is base.</summary>
    private int? Step(int? anchor, int steps, string? label, string target)
    {
        var pos = anchor;
        var count = Math.Abs(steps);
        for (var k = 0; k < count; k++)
        {
            IReadOnlyList<int> next;
            if (steps > 0)
                next = (pos is null ? Enumerable.Range(0, _revs.Length).Where(i => _parents[i].Length == 0) : _children[pos.Value])
                    .Where(i => InBranch(i, label)).ToList();
            else
            {
                if (pos is null) throw NotEnough(steps);
                next = _parents[pos.Value].Where(i => InBranch(i, label)).ToList();
                if (next.Count == 0) { pos = null; continue; }
            }
            if (next.Count == 0) throw NotEnough(steps);
            if (next.Count > 1)
                throw new RevisionGraphException(
                    $"Relative revision '{target}' is ambiguous at {(pos is null ? "base" : _revs[pos.Value].Id)}: it {(steps > 0 ? "branches into" : "merges")} {string.Join(", ", next.Select(i => _revs[i].Id))}; name a branch (<branch>@{target.Split('@')[^1]}) or a revision.");
            pos = next[0];
        }
        return pos;
    }

    private static RevisionGraphException NotEnough(int steps) =>
        new($"Relative revision {(steps > 0 ? "+" : "")}{steps} didn't produce {Math.Abs(steps)} migrations");

    [GeneratedRegex(@"^(?<anchor>.*?)(?<sign>[+-])(?<n>\d+)$")]
    private static partial Regex RelativePattern();
}
