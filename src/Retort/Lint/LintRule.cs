namespace Retort.Lint;

public enum LintSeverity { Warning, Error }

/// <summary>Which servers a rule is about: the provider's name and, for versioned facts, the versions it holds for.</summary>
public delegate bool LintApplies(LintTarget target);

/// <summary>
/// One lint rule: a stable id, its severity, what goes wrong, the safe alternative, and where the fact comes from
/// (docs/lint.md lists them all).
/// </summary>
public sealed record LintRule(string Id, LintSeverity Severity, string Problem, string SafeAlternative, LintApplies AppliesTo)
{
    public string SeverityName => Severity == LintSeverity.Error ? "error" : "warning";
}
