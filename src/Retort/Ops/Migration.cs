namespace Retort;

/// <summary>
/// A revision: one step in the revision graph. Subclasses are found through their <see cref="RevisionAttribute"/>.
/// </summary>
public abstract class Migration
{
    public abstract void Upgrade(Operations op);

    public abstract void Downgrade(Operations op);
}

/// <summary>
/// Names a revision and its place in the graph. The attribute is read from source text by graph-only commands,
/// so its arguments must be string literals or arrays of string literals.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RevisionAttribute(string id) : Attribute
{
    public string Id { get; } = id;

    /// <summary>The single parent, or null for a base revision.</summary>
    public string? DownRevision { get; set; }

    /// <summary>Several parents: a merge point. Use instead of <see cref="DownRevision"/>.</summary>
    public string[]? DownRevisions { get; set; }

    public string[]? BranchLabels { get; set; }

    /// <summary>Revisions that must be applied first without being parents (ordering edges only).</summary>
    public string[]? DependsOn { get; set; }

    /// <summary>
    /// For a revision made by <c>retort squash</c>: the revisions it replaces, oldest first. A database stamped at any
    /// of them keeps working (Django's <c>replaces</c>): at the last one it counts as being at this revision; part way,
    /// the replaced revisions still present run up to the last one first.
    /// </summary>
    public string[]? Replaces { get; set; }

    /// <summary>The revision's message; when absent the first header comment line is used.</summary>
    public string? Message { get; set; }

    /// <summary>
    /// Running the revision again after it was interrupted part-way is safe (CREATE TABLE IF NOT EXISTS, upserts …).
    /// On a database without transactional DDL, a run that was killed in the middle of such a revision is simply
    /// repeated by the next upgrade; any other interrupted revision stops the next command until
    /// <c>retort repair</c> is run after cleaning up by hand.
    /// </summary>
    public bool Idempotent { get; set; }
}
