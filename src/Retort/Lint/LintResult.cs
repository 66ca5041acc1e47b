namespace Retort.Lint;

/// <summary>The findings of one lint run, allowed ones included, in upgrade order.</summary>
public sealed record LintResult(LintTarget Target, IReadOnlyList<LintFinding> Findings, int Revisions)
{
    public IEnumerable<LintFinding> Reported => Findings.Where(f => !f.IsAllowed);

    public int Errors => Reported.Count(f => f.Rule.Severity == LintSeverity.Error);

    public int Warnings => Reported.Count(f => f.Rule.Severity == LintSeverity.Warning);
}
