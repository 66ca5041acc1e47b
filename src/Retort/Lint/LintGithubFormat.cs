namespace Retort.Lint;

/// <summary><c>--format github</c>: workflow commands that GitHub Actions shows as annotations on the revision's line.</summary>
internal static class LintGithubFormat
{
    public static void Write(LintResult result, TextWriter output, LintPaths paths)
    {
        foreach (var f in result.Reported)
        {
            var properties = new List<string>();
            if (paths.Relative(f.File) is { } file) properties.Add("file=" + Property(file));
            if (f.Line > 0) properties.Add("line=" + f.Line);
            properties.Add("title=" + Property($"retort lint {f.Rule.Id}"));
            output.WriteLine($"::{f.Rule.SeverityName} {string.Join(",", properties)}::{Data($"{f.Revision}: {LintReport.WithAlternative(f)}")}");
        }
    }

    // The escaping GitHub's toolkit applies (core.issueCommand): data escapes %, CR, LF; properties also : and ,.
    private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
