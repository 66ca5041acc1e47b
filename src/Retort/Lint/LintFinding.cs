namespace Retort.Lint;

/// <summary>One finding: the revision and the line of its file, the rule, and the message about this case.</summary>
public sealed record LintFinding(string Revision, string? File, int Line, LintRule Rule, string Message)
{
    /// <summary>Set when the revision accepts the finding with <see cref="AllowLintAttribute"/>; its reason (may be empty).</summary>
    public string? AllowedBecause { get; init; }

    public bool IsAllowed => AllowedBecause is not null;
}
