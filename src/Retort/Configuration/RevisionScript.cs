using Retort.Ops;

namespace Retort;

/// <summary>
/// The revision <c>retort revision</c> is about to write, as env.cs's <c>context.ProcessRevisionDirectives</c> sees it
/// (Alembic's MigrationScript directive): its id, message and operations may be changed before the file is written.
/// </summary>
public sealed class RevisionScript(string revisionId, string message, bool autogenerate)
{
    public string RevisionId { get; set; } = revisionId;

    public string Message { get; set; } = message;

    /// <summary>Whether the operations come from <c>--autogenerate</c> (a plain revision starts with none).</summary>
    public bool Autogenerate { get; } = autogenerate;

    /// <summary>The Upgrade's operations, in order; written as C# into the new file.</summary>
    public List<MigrationOperation> UpgradeOps { get; } = [];

    /// <summary>The Downgrade's operations, in order (autogenerate: the Upgrade's reversed).</summary>
    public List<MigrationOperation> DowngradeOps { get; } = [];
}

/// <summary>
/// env.cs's <c>context.ProcessRevisionDirectives</c> (Alembic's process_revision_directives): called with the
/// revision(s) the new one follows and the revision about to be written (one directive). Change it in place, or
/// empty <paramref name="directives"/> to write no file.
/// </summary>
public delegate void ProcessRevisionDirectivesHook(IReadOnlyList<string> revision, IList<RevisionScript> directives);
