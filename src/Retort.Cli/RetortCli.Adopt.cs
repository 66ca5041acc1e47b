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
        yield return Squash(g);
    }

    private static Command Squash(GlobalOptions g)
    {
        var range = new Argument<string>("range") { Description = "FROM:TO — the revisions after FROM (base: from the first) up to and including TO." };
        var message = new Option<string>("--message", "-m") { Description = "The squash revision's message.", Required = true };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a generated one." };
        var scratch = new Option<string?>("--scratch-url") { Description = "An empty database to build the schema on (default: a temporary SQLite file when the project's database is SQLite)." };
        var command = new Command("squash",
            "Replace a straight line of revisions with one built from the schema they make. The new revision lists the ids it replaces; databases at any of them keep working, and the revisions after TO are rewired to it.\n\nExamples:\n  retort squash base:ae1027a6acf2 -m \"squash 2024\"\n  retort squash 1975ea83b712:ae1027a6acf2 -m \"squash\" --scratch-url postgresql://me@localhost/scratch")
        {
            range, message, revId, scratch,
        };
        command.SetAction(async (result, ct) => await Commands(g, result).SquashAsync(
            new SquashOptions(result.GetValue(range)!, result.GetValue(message)!) { RevId = result.GetValue(revId), ScratchUrl = result.GetValue(scratch) }, ct));
        return command;
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
