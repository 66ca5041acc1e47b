namespace Retort.Lint;

/// <summary><c>REV RULE SEVERITY message</c> per finding, then a count; -v adds the allowed ones with their reasons.</summary>
internal static class LintTextFormat
{
    public static void Write(LintResult result, TextWriter output, bool verbose, LintPaths paths)
    {
        foreach (var f in result.Findings)
        {
            var where = f.File is null ? "" : $" ({paths.Relative(f.File)}:{f.Line})";
            if (!f.IsAllowed) output.WriteLine($"{f.Revision} {f.Rule.Id} {f.Rule.SeverityName} {LintReport.WithAlternative(f)}{where}");
            else if (verbose) output.WriteLine($"{f.Revision} {f.Rule.Id} allowed: {(f.AllowedBecause!.Length == 0 ? "(no reason given)" : f.AllowedBecause)}{where}");
        }
        var allowed = result.Findings.Count(f => f.IsAllowed);
        output.WriteLine($"{result.Revisions} revision{(result.Revisions == 1 ? "" : "s")} linted for {result.Target.Provider}"
                         + $"{(result.Target.ServerVersion is { } v ? " " + v.ToString(3) : " (oldest version)")}: "
                         + $"{result.Errors} error{(result.Errors == 1 ? "" : "s")}, {result.Warnings} warning{(result.Warnings == 1 ? "" : "s")}"
                         + (allowed > 0 ? $", {allowed} allowed{(verbose ? "" : " (-v lists them)")}" : "") + ".");
    }
}
