namespace Retort.Lint;

/// <summary>The output formats of <c>retort lint</c>; file paths are written relative to the folder given (the current one, in the CLI).</summary>
public static class LintReport
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "sarif", "github"];

    public static void Write(string format, LintResult result, TextWriter output, bool verbose, string baseDirectory)
    {
        var paths = new LintPaths(baseDirectory);
        switch (format)
        {
            case "text": LintTextFormat.Write(result, output, verbose, paths); break;
            case "json": LintJsonFormat.Write(result, output, paths); break;
            case "sarif": LintSarifFormat.Write(result, output, paths); break;
            case "github": LintGithubFormat.Write(result, output, paths); break;
            default: throw new RetortException($"Unknown lint format '{format}': expected one of {string.Join(", ", Formats)}.");
        }
    }

    /// <summary>The message with what to do instead, as one line.</summary>
    public static string WithAlternative(LintFinding f) => $"{f.Message}. Instead: {f.Rule.SafeAlternative}.";
}

/// <summary>Revision files as paths relative to the folder the run is reported for, with '/' separators.</summary>
public sealed record LintPaths(string BaseDirectory)
{
    public string? Relative(string? file) =>
        file is null ? null : Path.GetRelativePath(BaseDirectory, file).Replace('\\', '/');
}
