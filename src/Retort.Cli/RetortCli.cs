using System.CommandLine;
using System.CommandLine.Help;
using Retort.Commands;
using Retort.Configuration;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Cli;

/// <summary>The <c>retort</c> command line: parses arguments and calls <see cref="RetortCommands"/>.</summary>
internal static partial class RetortCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var globals = new GlobalOptions();
        // A plain Command named "retort" rather than RootCommand, whose name is the executable's: the installed tool
        // runs as Retort.Cli.dll, which would make every usage line say "Retort.Cli".
        var root = new Command("retort", "Retort: Alembic-style database migrations for .NET.") { new HelpOption(), new VersionOption() };
        globals.AddTo(root);
        HelpExamples.Attach(root);
        foreach (var command in BuildCommands(globals)) root.Subcommands.Add(command);
        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Fail(e, parsed.GetValue(globals.Verbose));
        }
    }

    /// <summary>One FAILED line (compile diagnostics above it), no stack trace unless --verbose, never a password.</summary>
    internal static int Fail(Exception e, bool verbose)
    {
        var stderr = Console.Error;
        if (e is CompilationFailedException compile)
            foreach (var line in compile.Diagnostics) stderr.WriteLine(DatabaseUrl.Mask(line));
        var message = e switch
        {
            CompilationFailedException c => $"{c.Diagnostics.Count} compile error(s) in the migration scripts; nothing was run.",
            RetortException r => r.Message,
            OperationCanceledException => "Cancelled.",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        stderr.WriteLine("FAILED: " + DatabaseUrl.Mask(message.Trim()));
        if (verbose) stderr.WriteLine(DatabaseUrl.Mask(e.ToString()));
        return e is OperationCanceledException ? 130 : 1;
    }

    private static RetortCommands Commands(GlobalOptions globals, ParseResult result, bool createDatabase = false)
    {
        var config = globals.LoadConfig(result);
        return new RetortCommands(config, Console.Out, new TerminalLog(Console.Error, result.GetValue(globals.Quiet), interactive: !Console.IsErrorRedirected))
        {
            Json = result.GetValue(globals.Json),
            CreateDatabase = createDatabase,
        };
    }
}
