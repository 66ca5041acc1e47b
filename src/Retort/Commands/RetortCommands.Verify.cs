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
    public Task<IReadOnlyList<VerifyProblem>> VerifyAsync(CancellationToken ct = default) => VerifyAsync([], ct);

    /// <summary>
    /// <c>retort verify --accept REV</c>: first records, in the history, that each named revision's file as it is now
    /// is the one to verify against (an "accept" row with the new checksum, who and when; for a revision whose file
    /// was removed, that the removal is intended), then verifies.
    /// </summary>
    public async Task<IReadOnlyList<VerifyProblem>> VerifyAsync(IReadOnlyList<string> accept, CancellationToken ct = default)
    {
        var map = Map;
        PrepareSource(offline: false, revisionsNeeded: false);
        await using var session = await DatabaseSession.OpenAsync(Config, ct);
        var current = await session.ReadHeadsAsync(ct);
        CheckConsistent(map, current);
        if (accept.Count > 0)
        {
            await using var held = await session.LockAsync(Log, ct);
            await AcceptAsync(map, session, accept, ct);
        }
        var problems = await FindChangedAsync(map, session, current, ct);
        foreach (var p in problems) Output.WriteLine($"{p.Revision}: {p.Problem}");
        if (problems.Count == 0) Output.WriteLine("All applied revisions match their files.");
        return problems;
    }

    private async Task AcceptAsync(RevisionMap map, DatabaseSession session, IReadOnlyList<string> accept, CancellationToken ct)
    {
        if (!(await session.ReadTableStateAsync(ct)).History)
            throw new RetortException($"Nothing to accept: {session.Config.VersionTable}_history does not exist (nothing was applied yet).");
        var replay = await ReadHistoryAsync(session, ct);
        var current = await session.ReadHeadsAsync(ct);
        CheckConsistent(map, current);
        var applied = Applied(map, current);
        var history = new AppliedHistory(session.Config, session.Dialect);
        foreach (var id in accept)
        {
            var rev = map.Find(id) ?? (replay.Applied.ContainsKey(id) ? null : ByPrefix(map, id));
            var known = rev?.Id ?? replay.Applied.Keys.FirstOrDefault(k => k == id)
                ?? throw new RetortException($"Cannot accept '{id}': no revision file declares it and the history does not record it as applied.");
            if (rev is null)
            {
                await session.Target.ExecuteAsync(history.Insert(known, "accept", null, DateTime.UtcNow, 0), ct);
                Output.WriteLine($"Accepted: {known} was removed on purpose; verify no longer reports it.");
                continue;
            }
            if (!applied.Contains(rev.Id) && !replay.Applied.ContainsKey(rev.Id))
                throw new RetortException($"Cannot accept {rev.Id}: it is not applied to this database, so there is nothing to verify it against.");
            var checksum = AppliedHistory.Checksum(rev)
                ?? throw new RetortException($"Cannot accept {rev.Id}: it has no revision file to take a checksum of.");
            await session.Target.ExecuteAsync(history.Insert(rev.Id, "accept", checksum, DateTime.UtcNow, 0), ct);
            Output.WriteLine($"Accepted: {rev.Id} as it is now in {rev.Path} (checksum {checksum[..12]}…, by {AppliedHistory.AppliedBy}).");
        }
    }

    /// <summary>A unique prefix, as every other command takes; an ambiguous one names the candidates.</summary>
    private static Revision? ByPrefix(RevisionMap map, string id)
    {
        if (!map.All.Any(r => r.Id.StartsWith(id, StringComparison.Ordinal))) return null;
        return map.Resolve(id) is [var one] ? one : null;
    }

    private async Task WarnChangedAsync(RevisionMap map, IReadOnlyList<string> current, DatabaseSession session, CancellationToken ct)
    {
        var problems = await FindChangedAsync(map, session, current, ct);
        foreach (var p in problems) Log.Warning($"Applied revision {p.Revision}: {p.Problem}.");
    }

    private static async Task<HistoryReplay> ReadHistoryAsync(DatabaseSession session, CancellationToken ct)
    {
        var history = new AppliedHistory(session.Config, session.Dialect);
        var rows = await session.Target.QueryRowsAsync(history.AllRows(await session.JournalReadyAsync(ct)), ct);
        return new HistoryReplay(rows.Select(r => new HistoryRow(r[0]!, r[1]!, r[2], r[3], r[4], r[5])));
    }

    private static async Task<IReadOnlyList<VerifyProblem>> FindChangedAsync(RevisionMap map, DatabaseSession session,
        IReadOnlyList<string> current, CancellationToken ct)
    {
        var problems = new Dictionary<string, VerifyProblem>(StringComparer.Ordinal);
        foreach (var id in current)
            if (map.Find(id) is null) problems[id] = new VerifyProblem(id, "vanished: the database is at this revision but no revision file declares it");
        if (!(await session.ReadTableStateAsync(ct)).History) return problems.Values.ToList();

        var replay = await ReadHistoryAsync(session, ct);
        var applied = Applied(map, current);
        // Applied per the history but absent from the files: the graph alone misses these once a child is re-pointed
        // past the removed revision. A removed head is already reported above, once.
        foreach (var (id, row) in replay.Applied)
            if (map.Find(id) is null && !problems.ContainsKey(id))
                problems[id] = new VerifyProblem(id, $"vanished: applied on {row.At} by {row.By} per the history, but no revision file declares it any more (restore it, or 'retort verify --accept {id}' if it was removed on purpose)");
        foreach (var id in applied.Concat(replay.Applied.Keys).Distinct(StringComparer.Ordinal))
        {
            if (map.Find(id) is not { } rev || replay.ChecksumRow(id) is not { Checksum: { } recorded } row) continue;
            if (AppliedHistory.Checksum(rev) is { } now && now != recorded)
                problems[id] = new VerifyProblem(id, $"changed: {rev.Path} was edited after it was {(row.Direction == "accept" ? "accepted" : "applied")} on {row.At}");
        }
        return problems.Values.OrderBy(p => p.Revision, StringComparer.Ordinal).ToList();
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
