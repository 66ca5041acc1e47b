using System.CommandLine;

namespace Retort.Cli;

/// <summary>
/// A command-line mistake (<c>retort upgarde head</c>, <c>upgrade head --dry-run</c>): one FAILED line and one hint
/// on standard error, instead of System.CommandLine's error list inside 45 lines of help (which, with <c>2&gt;&amp;1</c>,
/// buried the error, and suggested <c>heads</c> for the target <c>head</c>).
/// </summary>
internal static class ParseErrors
{
    /// <summary>Writes the error and the hint; returns the exit code.</summary>
    public static int Report(ParseResult parsed, Command root)
    {
        var command = parsed.CommandResult.Command;
        var first = parsed.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
        string message;
        string hint;
        if (command == root && first is not null && !root.Subcommands.Any(c => c.Name == first || c.Aliases.Contains(first)))
        {
            // The first word is not a command: say which one was probably meant, and nothing about later words.
            var closest = root.Subcommands.Select(c => c.Name).Where(n => Distance(n, first) <= Math.Max(2, n.Length / 3))
                .OrderBy(n => Distance(n, first)).ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault();
            message = $"Unknown command '{first}'." + (closest is null ? "" : $" Did you mean '{closest}'?");
            hint = "Run 'retort --help' for the list of commands.";
        }
        else
        {
            message = parsed.Errors[0].Message.TrimEnd('.') + ".";
            var path = command == root ? "retort" : $"retort {Path(command, root)}";
            hint = $"Run '{path} --help' for its arguments and options.";
        }
        Console.Error.WriteLine("FAILED: " + message);
        Console.Error.WriteLine(hint);
        return 1;
    }

    private static string Path(Command command, Command root)
    {
        var names = new List<string>();
        for (var c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return string.Join(' ', names);
    }

    /// <summary>Edit distance (insert, delete, replace, swap of neighbours): "upgarde" is one step from "upgrade".</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
