using Retort.Dialects;
using Retort.Graph;

namespace Retort.Runtime;

/// <summary>
/// The version-table changes and history rows of a run that is one transaction on a database with transactional DDL,
/// held until the transaction commits. Such a run is atomic, so writing them per revision (one UPDATE and one INSERT
/// each) buys no safety; at the end they become the net version-row change (a row moved through 1000 revisions is one
/// UPDATE) and a few multi-row history INSERTs. Before anything commits in the middle of the run (a statement that
/// refuses transactions, a journaled revision) they are written out, so what commits always carries its bookkeeping.
/// </summary>
internal sealed class DeferredBookkeeping(Func<VersionChange, SqlStatement> versionSql, AppliedHistory history)
{
    /// <summary>Rows per multi-row INSERT: well under SQL Server's 1000-row VALUES limit and any statement-size limit.</summary>
    public const int RowsPerInsert = 200;

    // One slot per version row touched: the value it had when the run (or the last flush) started, and its value now.
    private readonly List<Slot> _slots = [];
    private readonly List<AppliedHistory.Row> _rows = [];

    private sealed class Slot(string? original, string? current)
    {
        public string? Original { get; } = original;

        public string? Current { get; set; } = current;
    }

    public bool IsEmpty => _slots.Count == 0 && _rows.Count == 0;

    public void Add(IReadOnlyList<VersionChange> changes, AppliedHistory.Row row)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case InsertVersion i:
                    _slots.Add(new Slot(null, i.Id));
                    break;
                case UpdateVersion u:
                    SlotOf(u.From).Current = u.To;
                    break;
                case DeleteVersion d:
                    SlotOf(d.Id).Current = null;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(changes));
            }
        }
        _rows.Add(row);
    }

    /// <summary>The slot whose row now holds <paramref name="version"/>; a row the run has not touched yet was there before it.</summary>
    private Slot SlotOf(string version)
    {
        foreach (var slot in _slots)
            if (slot.Current == version) return slot;
        var untouched = new Slot(version, version);
        _slots.Add(untouched);
        return untouched;
    }

    /// <summary>
    /// The statements that write what was collected, and forgets it: deletes first, then updates, then inserts (so a
    /// primary-key value freed by one change is free before another takes it), then the history rows in run order.
    /// </summary>
    public List<SqlStatement> Drain()
    {
        var statements = new List<SqlStatement>();
        foreach (var s in _slots)
            if (s.Original is not null && s.Current is null) statements.Add(versionSql(new DeleteVersion(s.Original)));
        foreach (var s in _slots)
            if (s.Original is not null && s.Current is not null && s.Original != s.Current) statements.Add(versionSql(new UpdateVersion(s.Original, s.Current)));
        foreach (var s in _slots)
            if (s.Original is null && s.Current is not null) statements.Add(versionSql(new InsertVersion(s.Current)));
        for (var k = 0; k < _rows.Count; k += RowsPerInsert)
            statements.Add(history.InsertMany(_rows.GetRange(k, Math.Min(RowsPerInsert, _rows.Count - k))));
        _slots.Clear();
        _rows.Clear();
        return statements;
    }
}
