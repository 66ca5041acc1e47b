namespace Retort.Tests.Cli;

/// <summary>
/// A command-line mistake through the real CLI: exit 1, standard error is exactly one FAILED line and one hint, no help
/// text, and nothing on standard output (so <c>2&gt;&amp;1</c> shows the error first).
/// </summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData(new[] { "upgarde", "head" }, "FAILED: Unknown command 'upgarde'. Did you mean 'upgrade'?", "Run 'retort --help' for the list of commands.")]
    [InlineData(new[] { "hisotry" }, "FAILED: Unknown command 'hisotry'. Did you mean 'history'?", "Run 'retort --help' for the list of commands.")]
    [InlineData(new[] { "frobnicate" }, "FAILED: Unknown command 'frobnicate'.", "Run 'retort --help' for the list of commands.")]
    [InlineData(new[] { "upgrade", "head", "--dry-run" }, "FAILED: Unrecognized command or argument '--dry-run'.", "Run 'retort upgrade --help' for its arguments and options.")]
    [InlineData(new[] { "init" }, "FAILED: Required argument missing for command: 'init'.", "Run 'retort init --help' for its arguments and options.")]
    public async Task A_mistake_is_one_failed_line_and_one_hint(string[] args, string failed, string hint)
    {
        using var dir = new TempDir();
        var r = await CliRunner.RunAsync(dir.Path, args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal($"{failed}\n{hint}\n", r.Stderr);
    }
}
