namespace Retort.Graph;

/// <summary>
/// The revision graph: pure, no I/O. Built from revisions in load order; validates the graph on construction.
/// CONTRACT STUB — implemented by the graph work (see tests/Retort.Tests/Graph).
/// </summary>
public sealed class RevisionMap
{
    /// <summary>Validates: illegal id characters, duplicate ids, duplicate branch labels, missing parents or
    /// depends_on targets, self-loops and cycles. Each error names the files involved.</summary>
    public RevisionMap(IEnumerable<Revision> revisions) => throw new NotImplementedException();

    /// <summary>All revisions in load order.</summary>
    public IReadOnlyList<Revision> All => throw new NotImplementedException();

    /// <summary>Revisions no other revision names as a parent (down revision), in load order.</summary>
    public IReadOnlyList<Revision> Heads => throw new NotImplementedException();

    public IReadOnlyList<Revision> Bases => throw new NotImplementedException();

    public Revision? Find(string exactId) => throw new NotImplementedException();

    /// <summary>Revisions that name this one as a down revision.</summary>
    public IReadOnlyList<Revision> Children(string id) => throw new NotImplementedException();

    public bool IsHead(string id) => throw new NotImplementedException();

    public bool IsBranchPoint(string id) => throw new NotImplementedException();

    /// <summary>Resolves an absolute target (head, heads, base, id, prefix, label@head, head-2, base+1, rev+N …)
    /// to revisions; base resolves to none.</summary>
    public IReadOnlyList<Revision> Resolve(string target) => throw new NotImplementedException();

    /// <summary>The steps that bring a database at <paramref name="currentHeads"/> up to the target
    /// (absolute or relative such as +2), in Alembic's order.</summary>
    public IReadOnlyList<MigrationStep> PlanUpgrade(IReadOnlyCollection<string> currentHeads, string target) =>
        throw new NotImplementedException();

    /// <summary>The steps that bring a database at <paramref name="currentHeads"/> down to the target
    /// (absolute, base, or relative such as -1), in Alembic's order.</summary>
    public IReadOnlyList<MigrationStep> PlanDowngrade(IReadOnlyCollection<string> currentHeads, string target) =>
        throw new NotImplementedException();

    /// <summary>The version-table changes for one step applied to <paramref name="heads"/>, which is updated in
    /// place, as Alembic's head maintainer does (insert on new branch, update on linear step, delete on merge).</summary>
    public IReadOnlyList<VersionChange> ApplyStep(ISet<string> heads, MigrationStep step) =>
        throw new NotImplementedException();

    /// <summary>The version-table changes for <c>stamp</c> to the targets (several allowed), from the current heads
    /// (ignored with purge, which empties the table first).</summary>
    public IReadOnlyList<VersionChange> PlanStamp(IReadOnlyCollection<string> currentHeads, IReadOnlyList<string> targets, bool purge) =>
        throw new NotImplementedException();

    /// <summary>Revisions from upper down to lower (Alembic's walk_revisions order, newest first), for history;
    /// the range grammar of <c>history -r a:b</c> with "current" already replaced by ids.</summary>
    public IReadOnlyList<Revision> Walk(string upper = "heads", string lower = "base") => throw new NotImplementedException();
}
