namespace Retort.Tests.Docs;

/// <summary>A fenced code block of a Markdown file: its language, text, first line number and the heading above it.</summary>
public sealed record MarkdownBlock(string File, int Line, string Language, string Text, string Heading)
{
    public override string ToString() => $"{File}:{Line} ({Language}, under \"{Heading}\")";
}

/// <summary>Reads the fenced (```) code blocks of the repository's Markdown files.</summary>
public static class MarkdownBlocks
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    /// <summary>README.md and every docs/*.md, as paths relative to the repository root.</summary>
    public static IEnumerable<string> DocumentFiles() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepoRoot, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoRoot, f)).Order(StringComparer.Ordinal));

    public static List<MarkdownBlock> Read(string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, relativePath));
        var blocks = new List<MarkdownBlock>();
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#')) heading = lines[i].TrimStart('#').Trim();
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var language = lines[i][3..].Trim().Split(' ')[0];
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal)) end++;
            blocks.Add(new MarkdownBlock(relativePath, start + 1, language, string.Join('\n', lines[start..end]) + "\n", heading));
            i = end;
        }
        return blocks;
    }

    /// <summary>The part of a Markdown file under a "## title" heading, up to the next heading of that level.</summary>
    public static string Section(string relativePath, string title)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, relativePath));
        var start = text.IndexOf("\n## " + title + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{relativePath} has no \"## {title}\" section");
        var end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }
}
