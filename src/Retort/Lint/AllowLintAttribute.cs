namespace Retort;

/// <summary>
/// Accepts a <c>retort lint</c> finding for this revision, where the decision is made:
/// <c>[AllowLint("drop-column", Reason = "the app stopped reading it in v42")]</c>. The reason is printed with -v
/// and carried into SARIF as the result's suppression.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AllowLintAttribute(string rule) : Attribute
{
    /// <summary>The rule's id, e.g. <c>create-index-not-concurrently</c>.</summary>
    public string Rule { get; } = rule;

    public string? Reason { get; set; }
}
