using System.Globalization;
using System.Reflection;
using Retort.Graph;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Commands;

/// <summary>A revision whose run was interrupted (kill -9, power loss) on a database that could not roll it back.</summary>
public sealed record InterruptedRevision(string Revision, string Direction, string? StartedAt, string? StartedBy, int Statements, int Completed, string Status);

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort repair</c>: after cleaning up by hand what an interrupted revision did, marks it as not applied (an
    /// interrupted downgrade: as not reverted), so that the next upgrade (downgrade) runs it from the start.
    /// </summary>
    public async Task<IReadOnlyList<InterruptedRevision>> RepairAsync(CancellationToken ct = default)
    {
        var map = Map;
        PrepareSource(offline: false, revisionsNeeded: false);
        var repaired = new List<InterruptedRevision>();
        foreach (var config in Config.PerDatabase())
        {
            await using var session = await DatabaseSession.OpenAsync(config, ct);
            await using var held = await session.LockAsync(Log, ct);
            var journal = new RevisionJournal(config, session.Dialect);
            foreach (var row in await ReadInterruptedAsync(session, ct))
            {
                await session.Target.ExecuteAsync(journal.Close(row.Revision, RevisionJournal.Repaired), ct);
                var name = Describe(map, row.Revision);
                Output.WriteLine(row.Direction == "downgrade"
                    ? $"Marked the downgrade of {name} as not done: it stays applied; the next downgrade runs it from the start."
                    : $"Marked {name} as not applied: the next upgrade runs it from the start.");
                repaired.Add(row);
            }
        }
        if (repaired.Count == 0) Output.WriteLine("Nothing to repair: no revision was left unfinished.");
        return repaired;
    }

    /// <summary>Revisions left "started" by an interrupted run; none when the history has no journal yet.</summary>
    internal static async Task<IReadOnlyList<InterruptedRevision>> ReadInterruptedAsync(DatabaseSession session, CancellationToken ct)
    {
        if (!await session.JournalReadyAsync(ct)) return [];
        var rows = await session.Target.QueryRowsAsync(new RevisionJournal(session.Config, session.Dialect).SelectUnfinished(), ct);
        return rows.Select(r => new InterruptedRevision(r[0]!, r[1]!, FormatTime(r[2]), r[3],
            int.Parse(r[4] ?? "0", CultureInfo.InvariantCulture), int.Parse(r[5] ?? "0", CultureInfo.InvariantCulture), r[6]!)).ToList();
    }

    /// <summary>
    /// Before a run: an interrupted revision stops the command with what is known about it and the way out, unless
    /// it declares itself idempotent, in which case its record is closed and it simply runs again.
    /// </summary>
    private async Task CheckInterruptedAsync(RevisionMap map, RevisionSource source, DatabaseSession session, CancellationToken ct)
    {
        foreach (var row in await ReadInterruptedAsync(session, ct))
        {
            var rev = map.Find(row.Revision);
            var failed = row.Status == RevisionJournal.Failed;
            var what = $"Revision {Describe(map, row.Revision)} {(failed ? "failed" : "was interrupted")} during an earlier {row.Direction} " +
                $"(started {row.StartedAt} by {row.StartedBy}): {row.Completed} of {row.Statements} statements completed{(failed ? " and stay applied" : "")}";
            if (rev is not null && IsIdempotent(source, rev))
            {
                await session.Target.ExecuteAsync(new RevisionJournal(session.Config, session.Dialect).Close(row.Revision, RevisionJournal.Rerun), ct);
                Log.Warning($"{what}; it declares itself idempotent, so it runs again from the start.");
                continue;
            }
            var next = rev is null ? null : await StatementTextAsync(source, rev, row, session, ct);
            throw new RetortException($"{what}; statement {row.Completed + 1} {(failed ? "failed" : "may or may not have taken effect")}{(next is null ? "" : ": " + next)}. " +
                "Undo what it did by hand (or finish it and use 'retort stamp'), then run 'retort repair' to mark it as " +
                (row.Direction == "downgrade" ? "not reverted" : "not applied") +
                "; or, if running it again is safe, declare it [Revision(..., Idempotent = true)].");
        }
    }

    private static bool IsIdempotent(RevisionSource source, Revision revision)
    {
        try { return source.Create(revision).GetType().GetCustomAttribute<RevisionAttribute>()?.Idempotent == true; }
        catch (RetortException) { return false; }
    }

    /// <summary>The SQL of the statement that may have run, regenerated from the revision; null when it cannot be.</summary>
    private static async Task<string?> StatementTextAsync(RevisionSource source, Revision revision, InterruptedRevision row, DatabaseSession session, CancellationToken ct)
    {
        try
        {
            var operations = new Operations { Database = session.Config.DatabaseName };
            var migration = source.Create(revision);
            if (row.Direction == "downgrade") migration.Downgrade(operations); else migration.Upgrade(operations);
            var index = 0;
            foreach (var operation in operations.Recorded)
                foreach (var statement in await session.Target.GenerateAsync(operation, ct))
                    if (index++ == row.Completed)
                    {
                        var flat = string.Join(" ", statement.Sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
                        return flat.Length > 200 ? flat[..200] + "…" : flat;
                    }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is complete without the statement's text.
        }
        return null;
    }

    private static string Describe(RevisionMap map, string id) => map.Find(id) is { } rev ? $"{id} ({rev.Message})" : id;

    private static string? FormatTime(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : value;
}
