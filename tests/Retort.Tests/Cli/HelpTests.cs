using System.Text.RegularExpressions;

namespace Retort.Tests.Cli;

/// <summary>What `retort --help` and each command's help print, through the real CLI process.</summary>
public class HelpTests
{
    private static readonly string[] Commands =
    [
        "init", "list-templates", "revision", "upgrade", "downgrade", "current", "history", "heads", "branches", "show",
        "stamp", "merge", "edit", "ensure-version", "verify", "repair", "graph", "check", "lint", "fleet", "bundle", "baseline", "scaffold", "squash",
    ];

    private static async Task<string> HelpAsync(params string[] command)
    {
        using var dir = new TempDir();
        var r = await CliRunner.RunAsync(dir.Path, [.. command, "--help"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    [Fact]
    public async Task The_command_list_is_one_line_per_command_under_the_name_retort()
    {
        var help = await HelpAsync();
        Assert.Contains("Usage:\n  retort [command] [options]\n", help);
        Assert.DoesNotContain("Retort.Cli", help);
        var list = help[(help.IndexOf("Commands:\n", StringComparison.Ordinal) + "Commands:\n".Length)..].TrimEnd('\n').Split('\n');
        Assert.Equal(Commands, list.Select(l => l.Trim().Split(' ')[0]));
        Assert.All(list, l => Assert.DoesNotContain("default", l));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    /// <summary>README's Commands table and docs/commands.md name every command that --help lists.</summary>
    [Fact]
    public async Task The_readme_and_the_command_reference_name_every_command()
    {
        var help = await HelpAsync();
        var listed = help[(help.IndexOf("Commands:\n", StringComparison.Ordinal) + "Commands:\n".Length)..].TrimEnd('\n').Split('\n')
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var table = readme[readme.IndexOf("\n## Commands\n", StringComparison.Ordinal)..readme.IndexOf("\n## Configuration", StringComparison.Ordinal)];
        var reference = File.ReadAllText(Path.Combine(root, "docs", "commands.md"));
        foreach (var command in listed)
        {
            Assert.Matches(new Regex(@"[`,]\s*`?" + Regex.Escape(command) + @"[ `]"), table);
            Assert.Matches(new Regex(@"(?m)^\|[^\n]*`" + Regex.Escape(command) + @"[ `]"), reference);
        }
        Assert.Contains("$VISUAL or $EDITOR", help);
    }

    [Fact]
    public async Task Each_command_says_retort_in_usage_prints_a_default_once_and_ends_with_examples()
    {
        foreach (var command in Commands)
        {
            var help = await HelpAsync(command);
            Assert.Contains($"Usage:\n  retort {command}", help);
            foreach (var line in help.Split('\n'))
                Assert.True(Regex.Matches(line, "default", RegexOptions.IgnoreCase).Count <= 1, $"{command}: {line}");
            var examples = help.IndexOf("\nExample", StringComparison.Ordinal);
            Assert.True(examples > help.IndexOf("\nOptions:", StringComparison.Ordinal), $"{command}: examples come after the options\n{help}");
            var exampleLines = help[examples..].Split('\n').Skip(2).TakeWhile(l => l.Length > 0).ToList();
            Assert.NotEmpty(exampleLines);
            Assert.All(exampleLines, l => Assert.StartsWith("  retort " + command, l));
            Assert.All(exampleLines, l => Assert.DoesNotContain("[default", l));
        }
        Assert.Contains("<revision>  Target: head, heads, an id or prefix, +N, label@head…; head when omitted.\n", await HelpAsync("upgrade"));
        Assert.Contains("--head <head>                  The revision to build on. [default: head]\n", await HelpAsync("revision"));
    }

    [Fact]
    public async Task Verbose_has_one_meaning_on_every_command()
    {
        foreach (var command in Commands)
        {
            var help = await HelpAsync(command);
            var verbose = help.Split('\n').Where(l => l.Contains("--verbose")).ToList();
            Assert.Equal(["  -v, --verbose"], verbose.Select(l => l[..15]));
            Assert.Contains("More output: every SQL statement run on the database, full revision details (current, history, heads, branches) and stack traces on errors.", verbose[0]);
        }
    }

    [Fact]
    public async Task Short_v_gives_details_on_read_commands_and_a_stack_trace_on_errors()
    {
        using var p = await TutorialProject.CreateAsync();
        var history = await p.Ok("history", "-v");
        Assert.Contains($"Rev: {p.PhoneId} (head)\nParent: {p.UsersId}\n", history.Stdout);
        await p.Ok("upgrade");
        Assert.Equal([p.PhoneId], p.Versions());
        var current = await p.Ok("current", "-v");
        Assert.Contains($"Rev: {p.PhoneId} (head)\n", current.Stdout);

        File.WriteAllText(Path.Combine(p.Path, "retort.toml"),
            File.ReadAllText(Path.Combine(p.Path, "retort.toml")).Replace("sqlite:///app.db", "postgresql://bob:tiger-pw@127.0.0.1:1/app"));
        var failed = await p.Retort("upgrade", "-v");
        Assert.Equal(1, failed.ExitCode);
        Assert.StartsWith("FAILED: Cannot connect to postgresql://bob:***@127.0.0.1:1/app: ", failed.Stderr);
        Assert.Contains("   at ", failed.Stderr);
        Assert.DoesNotContain("tiger-pw", failed.All);
    }
}
