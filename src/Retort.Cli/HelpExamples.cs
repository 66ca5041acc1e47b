using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Retort.Cli;

/// <summary>
/// Examples printed in an "Examples:" section after a command's options. They are kept out of the description so
/// that the command list of <c>retort --help</c> stays one line per command and nothing is appended to an example.
/// </summary>
internal static class HelpExamples
{
    // Weak keys: a command tree built for one parse must not be kept alive by this table.
    private static readonly ConditionalWeakTable<Command, string[]> Examples = [];

    /// <summary>A command whose help ends with the given example lines.</summary>
    public static Command Create(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Replaces the help option's action with one that writes the usual help, then the examples.</summary>
    public static void Attach(Command root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithExamples((SynchronousCommandLineAction)help.Action!);
    }

    private sealed class WithExamples(SynchronousCommandLineAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exit = inner.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples) && examples.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(examples.Length == 1 ? "Example:" : "Examples:");
                foreach (var example in examples) output.WriteLine("  " + example);
                output.WriteLine();
            }
            return exit;
        }
    }
}
