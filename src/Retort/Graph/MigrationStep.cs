namespace Retort.Graph;

/// <summary>One revision to run, up or down, in the order the plan gives.</summary>
public sealed record MigrationStep(Revision Revision, bool IsUpgrade)
{
    /// <summary>Ids the database is at before the step: the parents on upgrade, the revision on downgrade.</summary>
    public IReadOnlyList<string> FromIds => IsUpgrade ? Revision.DownRevisions : [Revision.Id];

    /// <summary>Ids the database is at after the step: the revision on upgrade, the parents on downgrade.</summary>
    public IReadOnlyList<string> ToIds => IsUpgrade ? [Revision.Id] : Revision.DownRevisions;

    /// <summary>Alembic's log line: <c>Running upgrade 1975ea83b712 -> ae1027a6acf2, create phone number</c>.</summary>
    public override string ToString() =>
        $"Running {(IsUpgrade ? "upgrade" : "downgrade")} {string.Join(", ", FromIds)} -> {string.Join(", ", ToIds)}, {Revision.Message}";
}

/// <summary>One stamp: the heads it replaces, the revision it records (null for base), and the row changes.</summary>
public sealed record StampStep(IReadOnlyList<string> From, string? To, IReadOnlyList<VersionChange> Changes)
{
    /// <summary>Alembic's log line: <c>Running stamp_revision a, b -> c</c>.</summary>
    public override string ToString() => $"Running stamp_revision {string.Join(", ", From)} -> {To}";
}

/// <summary>A change to the version table's rows.</summary>
public abstract record VersionChange;

public sealed record InsertVersion(string Id) : VersionChange;

public sealed record UpdateVersion(string From, string To) : VersionChange;

public sealed record DeleteVersion(string Id) : VersionChange;
