namespace Retort.Commands;

/// <summary>One row of the applied-history table, oldest first by id.</summary>
public sealed record HistoryRow(string Revision, string Direction, string? Checksum, string? At, string? By, string? Status = null);

/// <summary>
/// What the applied-history table says, replayed in order: which revisions it records as applied now, and the
/// checksum each was last applied or accepted with. It remembers revisions whose file is gone, which the revision
/// graph cannot: a deleted revision whose child was re-pointed past it is still "applied" here.
/// </summary>
public sealed class HistoryReplay
{
    private readonly Dictionary<string, HistoryRow> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HistoryRow> _checksums = new(StringComparer.Ordinal);

    public HistoryReplay(IEnumerable<HistoryRow> rowsOldestFirst)
    {
        foreach (var row in rowsOldestFirst)
        {
            // A run that never finished (started, failed, repaired, rerun) changed nothing the history vouches for.
            if (row.Status is not (null or "done")) continue;
            switch (row.Direction)
            {
                case "upgrade":
                    _applied[row.Revision] = row;
                    _checksums[row.Revision] = row;
                    break;
                case "stamp":
                    _applied[row.Revision] = row;
                    break;
                case "downgrade" or "unstamp":
                    _applied.Remove(row.Revision);
                    _checksums.Remove(row.Revision);
                    break;
                case "accept" when row.Checksum is null:
                    // An accepted removal: the file is gone on purpose, the revision no longer counts as applied.
                    _applied.Remove(row.Revision);
                    _checksums.Remove(row.Revision);
                    break;
                case "accept":
                    _checksums[row.Revision] = row;
                    break;
            }
        }
    }

    /// <summary>Revisions the history records as applied, with the row that applied them.</summary>
    public IReadOnlyDictionary<string, HistoryRow> Applied => _applied;

    /// <summary>The row (upgrade or accept) whose checksum an applied revision's file should match.</summary>
    public HistoryRow? ChecksumRow(string revision) => _checksums.GetValueOrDefault(revision);
}
