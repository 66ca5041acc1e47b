using System.CommandLine;
using System.CommandLine.Help;
using Retort.Bundles;
using Retort.Commands;
using Retort.Configuration;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Cli;

/// <summary>The <c>retort</c> command line: parses arguments and calls <see cref="RetortCommands"/>.</summary>
internal static partial class RetortCli
{
    /// <summary>The tool; with <paramref name="bundle"/>, a migration bundle named <paramref name="name"/> (only <see cref="BundleCommands"/>).</summary>
    public static async Task<int> RunAsync(string[] args, BundledProject? bundle = null, string name = "retort")
    {
        var globals = new GlobalOptions(bundle);
        // A plain Command named "retort" rather than RootCommand, whose name is the executable's: the installed tool
        // runs as Retort.Cli.dll, which would make every usage line say "Retort.Cli".
        var root = new Command(name, bundle is null ? "Retort: Alembic-style database migrations for .NET." : "A Retort migration bundle: this project's revisions, precompiled.")
        {
            new HelpOption(), new VersionOption(),
        };
        globals.AddTo(root);
        HelpExamples.Attach(root);
        foreach (var command in BuildCommands(globals))
            if (bundle is null || BundleCommands.Contains(command.Name)) root.Subcommands.Add(command);
        var parsed = root.Parse(args);
        // --help and --version win over a missing argument, as System.CommandLine decides by the action it chose.
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction) return ParseErrors.Report(parsed, root);
        BufferRedirectedOutput();
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
        }
        catch (Exception e)
        {
            return Fail(e, parsed.GetValue(globals.Verbose));
        }
        finally
        {
            FlushStop.Set();
            Console.Out.Flush();
            Console.Error.Flush();
        }
    }

    /// <summary>
    /// Redirected output (a script from --sql, a pipe, a CI log) is buffered: the console writers flush every
    /// write, which made `upgrade --sql` of 5000 revisions some 75,000 write calls. A timer flushes both every
    /// 100 ms, so a log being followed still moves; a terminal keeps the console's own writers.
    /// </summary>
    private static void BufferRedirectedOutput()
    {
        if (Console.IsOutputRedirected)
            Console.SetOut(_out = new BufferedConsoleWriter(Console.OpenStandardOutput(), 1 << 16));
        if (Console.IsErrorRedirected)
            Console.SetError(_error = new BufferedConsoleWriter(Console.OpenStandardError(), 1 << 14));
        var gate = Console.Out;
        if (_out is not null) _out.Gate = gate;
        if (_error is not null) _error.Gate = gate;
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            // A thread of its own rather than a timer, whose callbacks start thread-pool workers that an offline run
            // never needs otherwise; a reader that stops reading blocks this one flush, not a pile of them.
            new Thread(() =>
            {
                while (!FlushStop.Wait(100))
                {
                    Out.Flush();
                    Error.Flush();
                }
            }) { IsBackground = true, Name = "retort output flush" }.Start();
        }
    }

    // No spinning before each 100 ms wait: the default spin burned a few ms of CPU on a process that lives 60 ms.
    private static readonly ManualResetEventSlim FlushStop = new(initialState: false, spinCount: 0);

    /// <summary>
    /// Standard output for the commands: the buffered writer itself when redirected (Console.Out wraps the same
    /// writer in a monitor per call, which it does not need), otherwise the console's.
    /// </summary>
    private static TextWriter Out => _out ?? Console.Out;

    private static TextWriter Error => _error ?? Console.Error;

    private static BufferedConsoleWriter? _out, _error;

    /// <summary>One FAILED line (compile diagnostics above it), no stack trace unless --verbose, never a password.</summary>
    internal static int Fail(Exception e, bool verbose)
    {
        Console.Out.Flush(); // what was printed before the failure comes first
        var stderr = Console.Error;
        if (e is CompilationFailedException compile)
            foreach (var line in compile.Diagnostics) stderr.WriteLine(DatabaseUrl.Mask(line));
        var message = e switch
        {
            CompilationFailedException c => $"{c.Diagnostics.Count} compile error(s) in the migration scripts; nothing was run.",
            RetortException r => r.Message,
            InterruptedRunException i => i.Message,
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
        var log = new TerminalLog(Error, result.GetValue(globals.Quiet), interactive: !Console.IsErrorRedirected);
        if (result.GetValue(globals.Verbose)) config.StatementLog = log.Statement;
        return new RetortCommands(config, Out, log)
        {
            Json = result.GetValue(globals.Json),
            CreateDatabase = createDatabase,
            Precompiled = globals.Bundle?.Revisions,
        };
    }
}
