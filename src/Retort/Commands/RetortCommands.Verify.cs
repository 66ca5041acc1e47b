using Retort.Graph;
using Retort.Runtime;

namespace Retort.Commands;

/// <summary>An applied revision whose file no longer matches what was run.</summary>
public sealed record VerifyProblem(string Revision, string Problem);

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort verify</c>: compares each applied revision's file with the checksum recorded when it was applied;
    /// returns the problems (edited or vanished files). Revisions applied before the history table existed are skipped.
    /// </summary>
    public async Task<IReadOnlyList<VerifyProblem>> VerifyAsync(CancellationToken ct = default)
    {
        var map = Map;
        PrepareSource(offline: false, revisionsNeeded: false);
        await using var session = await DatabaseSession.OpenAsync(Config, ct);
        var current = await session.ReadHeadsAsync(ct);
        CheckConsistent(map, current);
        var problems = await FindChangedAsync(map, session, current, ct);
        foreach (var p in problems) Output.WriteLine($"{p.Revision}: {p.Problem}");
        if (problems.Count == 0) Output.WriteLine("All applied revisions match their files.");
        return problems;
    }

    private async Task WarnChangedAsync(RevisionMap map, IReadOnlyList<string> current, DatabaseSession session, CancellationToken ct)
    {
        var problems = await FindChangedAsync(map, session, current, ct);
        foreach (var p in problems) Log.Warning($"Applied revision {p.Revision}: {p.Problem} (see 'retort verify').");
    }

    private static async Task<IReadOnlyList<VerifyProblem>> FindChangedAsync(RevisionMap map, DatabaseSession session,
        IReadOnlyList<string> current, CancellationToken ct)
    {
        var history = new AppliedHistory(session.Config, session.Dialect);
        var problems = new List<VerifyProblem>();
        foreach (var id in current)
            if (map.Find(id) is null) problems.Add(new VerifyProblem(id, "vanished: the database is at this revision but no revision file declares it"));
        if (!(await session.ReadTableStateAsync(ct)).History) return problems;

        var recorded = await session.Target.QueryRowsAsync(history.LatestUpgrades(), ct);
        var applied = Applied(map, current);
        foreach (var row in recorded)
        {
            var id = row[0]!;
            var checksum = row[1];
            if (!applied.Contains(id) || checksum is null) continue;
            var rev = map.Find(id);
            if (rev is null)
                problems.Add(new VerifyProblem(id, "vanished: applied, but no revision file declares it any more"));
            else if (AppliedHistory.Checksum(rev) is { } now && now != checksum)
                problems.Add(new VerifyProblem(id, $"changed: {rev.Path} was edited after it was applied on {row[2]}"));
        }
        return problems.OrderBy(p => p.Revision, StringComparer.Ordinal).ToList();
    }

    /// <summary>The revisions a database at <paramref name="current"/> has applied: the heads and all they need.</summary>
    private static HashSet<string> Applied(RevisionMap map, IReadOnlyList<string> current)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(current);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id) || map.Find(id) is not { } rev) continue;
            foreach (var parent in rev.DownRevisions.Concat(rev.DependsOn)) stack.Push(parent);
        }
        return seen;
    }
}
