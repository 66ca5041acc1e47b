using System.CommandLine;
using Retort.Lint;

namespace Retort.Cli;

internal static partial class RetortCli
{
    private static Command Lint(GlobalOptions g)
    {
        var range = new Argument<string?>("range")
        {
            Description = "Revisions to lint: from:to or a target, as upgrade --sql takes them; every revision when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format", "-f") { Description = "text, json, sarif or github.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. LintReport.Formats]);
        var serverVersion = new Option<string?>("--server-version") { Description = "The server version to judge for (overrides server_version in retort.toml), e.g. 16 or 10.11." };
        var dialect = new Option<string?>("--dialect") { Description = "The database kind to judge for when retort.toml's url is not it: postgresql, mysql, sqlite, mssql." };
        var command = HelpExamples.Create("lint",
            "Report what revisions would lock or break a live database (no database needed); exit 1 when an error is found.",
            "retort lint", "retort lint ae10:head --server-version 16", "retort lint --format sarif > lint.sarif", "retort lint --format github    # in GitHub Actions");
        command.Arguments.Add(range);
        foreach (var option in new Option[] { format, serverVersion, dialect }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var config = g.LoadConfig(result);
            var lint = RevisionLinter.Run(config, new LintOptions
            {
                Range = result.GetValue(range),
                ServerVersion = result.GetValue(serverVersion),
                Dialect = result.GetValue(dialect),
            });
            LintReport.Write(result.GetValue(format)!, lint, Out, result.GetValue(g.Verbose), Environment.CurrentDirectory);
            return lint.Errors > 0 ? 1 : 0;
        });
        return command;
    }
}
