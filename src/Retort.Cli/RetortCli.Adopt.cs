using System.CommandLine;
using Retort.Commands;

namespace Retort.Cli;

/// <summary>Commands for bringing an existing database under Retort: baseline, scaffold, squash.</summary>
internal static partial class RetortCli
{
    private static IEnumerable<Command> AdoptCommands(GlobalOptions g)
    {
        yield return Baseline(g);
    }

    private static Command Baseline(GlobalOptions g)
    {
        var message = new Option<string>("--message", "-m") { Description = "The baseline revision's message.", Required = true };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a generated one." };
        var command = new Command("baseline",
            "Start the history of an existing database: write one revision that creates its current schema (tables in foreign-key order; Downgrade drops them) and stamp the database at it.\n\nExample: retort baseline -m \"schema as of adoption\"")
        {
            message, revId,
        };
        command.SetAction(async (result, ct) =>
            await Commands(g, result).BaselineAsync(new RevisionOptions(result.GetValue(message)!) { RevId = result.GetValue(revId) }, ct));
        return command;
    }
}
