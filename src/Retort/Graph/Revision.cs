namespace Retort.Graph;

/// <summary>A node of the revision graph as read from a revision file's header; no code is needed to build it.</summary>
public sealed record Revision(
    string Id,
    IReadOnlyList<string> DownRevisions,
    IReadOnlyList<string> BranchLabels,
    IReadOnlyList<string> DependsOn,
    string Message)
{
    /// <summary>The file the revision came from, for error messages; null for revisions built in code.</summary>
    public string? Path { get; init; }

    public string? CreateDate { get; init; }

    /// <summary>SHA-256 of the file's normalized source, when it came from a file.</summary>
    public string? Checksum { get; init; }

    /// <summary>For a squashed revision: the revisions it replaces, oldest first (see <see cref="Replacements"/>).</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    public bool IsBase => DownRevisions.Count == 0;

    public bool IsMergePoint => DownRevisions.Count > 1;
}
