using System.CommandLine;
using Retort.Commands;

namespace Retort.Cli;

/// <summary>Commands for bringing an existing database under Retort: baseline, scaffold, squash.</summary>
internal static partial class RetortCli
{
    private static IEnumerable<Command> AdoptCommands(GlobalOptions g)
    {
        yield return Baseline(g);
        yield return Scaffold(g);
    }

    private static Command Scaffold(GlobalOptions g)
    {
        var form = new Option<string>("--form") { Description = "entities (a class per table with Retort's attributes) or metadata (one MetaData file).", DefaultValueFactory = _ => "entities" };
        form.AcceptOnlyFromAmong("entities", "metadata");
        var output = new Option<string?>("--output", "-o") { Description = "Folder to write into (default <script_location>/model, compiled with env.cs)." };
        var ns = new Option<string>("--namespace") { Description = "Namespace of the generated code.", DefaultValueFactory = _ => "Model" };
        var tables = new Option<string[]>("--tables") { Description = "Only these tables (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var schema = new Option<string?>("--schema") { Description = "Database schema to read (PostgreSQL; default public)." };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var command = new Command("scaffold",
            "Read the live database and write C# model files for it, to set as the target model in env.cs.\n\nExamples:\n  retort scaffold\n  retort scaffold --form metadata --tables album,artist --output migrations/model")
        {
            form, output, ns, tables, schema, force,
        };
        command.SetAction(async (result, ct) => await Commands(g, result).ScaffoldAsync(new ScaffoldOptions
        {
            Form = result.GetValue(form)!,
            Output = result.GetValue(output),
            Namespace = result.GetValue(ns)!,
            Tables = (result.GetValue(tables) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            Schema = result.GetValue(schema),
            Force = result.GetValue(force),
        }, ct));
        return command;
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
