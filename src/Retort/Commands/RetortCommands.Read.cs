using System.Text.Json.Nodes;
using Retort.Graph;
using Retort.Runtime;

namespace Retort.Commands;

public sealed partial class RetortCommands
{
    /// <summary><c>retort current</c>: the revision(s) the database is at; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> CurrentAsync(bool verbose = false, CancellationToken ct = default)
    {
        if (Config.ExtraDatabases.Count == 0 || Json) return await CurrentOfDefaultAsync(verbose, ct);
        var all = new List<string>();
        PrepareSource(offline: false, revisionsNeeded: false);
        foreach (var config in Config.PerDatabase())
        {
            await using var session = await DatabaseSession.OpenAsync(config, ct);
            var heads = await session.ReadHeadsAsync(ct);
            CheckConsistent(Map, heads);
            Output.WriteLine($"{config.DatabaseName}: {(heads.Count == 0 ? "<base>" : string.Join(", ", heads))}");
            all.AddRange(heads);
        }
        return all;
    }

    /// <summary>
    /// <c>retort current --check-heads</c>: as <c>retort current</c>, but fails unless the database is at
    /// exactly the heads of the scripts (a deploy gate).
    /// </summary>
    public async Task<IReadOnlyList<string>> CurrentAsync(bool verbose, bool checkHeads, CancellationToken ct = default)
    {
        if (!checkHeads) return await CurrentAsync(verbose, ct);
        var expected = Map.Heads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var config in Config.PerDatabase())
        {
            PrepareSource(offline: false, revisionsNeeded: false);
            await using var session = await DatabaseSession.OpenAsync(config, ct);
            var heads = await session.ReadHeadsAsync(ct);
            if (!expected.SetEquals(heads))
                throw new RetortException(
                    $"The database{(Config.ExtraDatabases.Count > 0 ? " " + config.DatabaseName : "")} is not at the head revision(s): it is at {(heads.Count == 0 ? "base" : string.Join(", ", heads))}; the heads are {(expected.Count == 0 ? "none" : string.Join(", ", Map.Heads.Select(h => h.Id)))}.");
        }
        return await CurrentAsync(verbose, ct);
    }

    private async Task<IReadOnlyList<string>> CurrentOfDefaultAsync(bool verbose, CancellationToken ct)
    {
        var heads = await ReadCurrentAsync(ct);
        var map = Map;
        if (Json)
        {
            JsonOutput.Write(Output, new JsonObject
            {
                ["database"] = Config.ResolveDatabase().Display,
                ["current"] = new JsonArray(heads.Select(id =>
                    (JsonNode?)(map.Find(id) is { } r ? JsonOutput.Revision(map, r) : new JsonObject { ["id"] = id, ["unknown"] = true })).ToArray()),
            });
            return heads;
        }
        if (verbose) Output.WriteLine($"Current revision(s) for {Config.ResolveDatabase().Display}:");
        var formatter = new RevisionFormatter(map);
        foreach (var id in heads.Where(h => map.Find(h) is null))
            Output.WriteLine(Graph.Replacements.ReplacedBy(Scripts.AllRevisions, id) is { } squash
                ? SquashNote(id, squash)
                : $"{id} (unknown: no revision file declares it)");
        // As Alembic does, revisions the current ones depend on are shown too, as effective heads.
        foreach (var rev in map.EffectiveCurrent(heads.Where(h => map.Find(h) is not null).ToList()))
            Output.WriteLine(verbose ? formatter.Full(rev) : formatter.Short(rev, parents: false, branches: false, doc: false));
        return heads;
    }

    private async Task<IReadOnlyList<string>> ReadCurrentAsync(CancellationToken ct)
    {
        PrepareSource(offline: false, revisionsNeeded: false);
        await using var session = await DatabaseSession.OpenAsync(Config, ct);
        var heads = await session.ReadHeadsAsync(ct);
        CheckConsistent(Map, heads);
        return heads;
    }

    /// <summary>
    /// <c>retort heads</c>; <paramref name="resolveDependencies"/> (Alembic's <c>--resolve-dependencies</c>) treats
    /// depends_on as down revisions, so a head that another revision depends on is not listed.
    /// </summary>
    public IReadOnlyList<Revision> Heads(bool verbose = false, bool resolveDependencies = false)
    {
        var map = Map;
        var heads = resolveDependencies ? map.Heads.Where(h => map.IsRealHead(h.Id)).ToList() : map.Heads;
        if (Json)
        {
            JsonOutput.Write(Output, new JsonArray(heads.Select(h => (JsonNode?)JsonOutput.Revision(map, h)).ToArray()));
            return heads;
        }
        var formatter = new RevisionFormatter(map);
        foreach (var head in heads)
            Output.WriteLine(verbose ? formatter.Full(head) : formatter.Short(head, parents: false, branches: true, doc: false, treeIndicators: false));
        return heads;
    }

    /// <summary><c>retort branches</c>: each branch point and the revisions it branches into.</summary>
    public void Branches(bool verbose = false)
    {
        var map = Map;
        if (Json)
        {
            JsonOutput.Write(Output, new JsonArray(map.All.Where(r => map.IsBranchPoint(r.Id)).Select(r =>
            {
                var o = JsonOutput.Revision(map, r);
                o["branches_into"] = JsonOutput.Array(map.Children(r.Id).Select(c => c.Id));
                return (JsonNode?)o;
            }).ToArray()));
            return;
        }
        var formatter = new RevisionFormatter(map);
        foreach (var rev in map.All.Where(r => map.IsBranchPoint(r.Id)))
        {
            Output.WriteLine(verbose ? formatter.Full(rev) : formatter.Short(rev, parents: false, branches: true, doc: false));
            var pad = new string(' ', rev.Id.Length);
            foreach (var child in map.Children(rev.Id))
                Output.WriteLine($"{pad} -> {formatter.Short(child, parents: false, branches: true, doc: verbose)}");
            Output.WriteLine();
        }
    }

    /// <summary><c>retort show REV</c>.</summary>
    public void Show(string target)
    {
        var map = Map;
        var revisions = target is "current"
            ? throw new RetortException("show takes a revision, not 'current': use 'retort current -v'.")
            : map.Resolve(target);
        if (revisions.Count == 0) throw new RetortException($"'{target}' names no revision.");
        if (Json)
        {
            JsonOutput.Write(Output, new JsonArray(revisions.Select(r => (JsonNode?)JsonOutput.Revision(map, r)).ToArray()));
            return;
        }
        var formatter = new RevisionFormatter(map);
        foreach (var rev in revisions) Output.WriteLine(formatter.Full(rev));
    }

    /// <summary><c>retort history [-r a:b] [-v] [-i]</c>, newest first.</summary>
    public async Task HistoryAsync(string? range = null, bool verbose = false, bool indicateCurrent = false, CancellationToken ct = default) =>
        await HistoryAsync(range, verbose, indicateCurrent, graph: false, ct);

    /// <summary><c>retort history --graph</c> draws lanes beside the lines.</summary>
    public async Task HistoryAsync(string? range, bool verbose, bool indicateCurrent, bool graph, CancellationToken ct = default)
    {
        var map = Map;
        var needsDb = indicateCurrent || (range?.Contains("current", StringComparison.Ordinal) ?? false);
        var current = needsDb ? await ReadCurrentAsync(ct) : [];
        var (lower, upper) = ParseHistoryRange(range, current);
        var formatter = new RevisionFormatter(map, indicateCurrent ? current.ToHashSet(StringComparer.Ordinal) : null);
        if (Json)
        {
            var marked = indicateCurrent ? current.ToHashSet(StringComparer.Ordinal) : null;
            JsonOutput.Write(Output, new JsonArray(map.Walk(upper, lower).Select(r => (JsonNode?)JsonOutput.Revision(map, r, marked)).ToArray()));
            return;
        }
        if (graph)
        {
            var marked = indicateCurrent ? current.ToHashSet(StringComparer.Ordinal) : [];
            Output.Write(new GraphRenderer(map, marked).Ascii(map.Walk(upper, lower), r => formatter.Short(r, parents: true, branches: true, doc: true)));
            return;
        }
        foreach (var rev in map.Walk(upper, lower))
        {
            if (verbose) Output.WriteLine(formatter.Full(rev));
            else Output.WriteLine(formatter.Short(rev, parents: true, branches: true, doc: true));
        }
    }

    private static (string Lower, string Upper) ParseHistoryRange(string? range, IReadOnlyList<string> current)
    {
        if (string.IsNullOrEmpty(range)) return ("base", "heads");
        var colon = range.IndexOf(':');
        if (colon < 0) throw new RetortException($"History range '{range}' must be [start]:[end], e.g. base:head or -3:.");
        var lower = range[..colon];
        var upper = range[(colon + 1)..];
        string Current()
        {
            if (current.Count > 1) throw new RetortException("'current' is ambiguous: the database is at several heads.");
            return current.Count == 0 ? "base" : current[0];
        }
        lower = lower.Length == 0 ? "base" : lower == "current" ? Current() : lower;
        upper = upper.Length == 0 ? "heads" : upper == "current" ? Current() : upper;
        return (lower, upper);
    }
}
