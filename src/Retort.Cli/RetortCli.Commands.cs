using System.CommandLine;
using Retort.Commands;

namespace Retort.Cli;

internal static partial class RetortCli
{
    private static IEnumerable<Command> BuildCommands(GlobalOptions g)
    {
        yield return Init();
        yield return ListTemplates();
        yield return Revision(g);
        yield return Migrate(g, "upgrade", "Upgrade to a later revision.", upgrade: true);
        yield return Migrate(g, "downgrade", "Revert to a previous revision.", upgrade: false);
        yield return Current(g);
        yield return History(g);
        yield return Heads(g);
        yield return Branches(g);
        yield return Show(g);
        yield return Stamp(g);
        yield return Merge(g);
        yield return Edit(g);
        yield return EnsureVersion(g);
        yield return Verify(g);
        yield return Graph(g);
        yield return Check(g);
        foreach (var command in AdoptCommands(g)) yield return command;
    }

    private static Command Check(GlobalOptions g)
    {
        var command = new Command("check", "Compare the target model with the database; exit 1 and list the differences when they differ.\n\nExample (CI): retort check");
        command.SetAction(async (result, ct) => (await Commands(g, result).CheckAsync(ct)).Count == 0 ? 0 : 1);
        return command;
    }

    private static Command Graph(GlobalOptions g)
    {
        var format = new Option<string>("--format", "-f") { Description = "mermaid, dot or ascii.", DefaultValueFactory = _ => "ascii" };
        format.AcceptOnlyFromAmong("mermaid", "dot", "ascii");
        var current = new Option<bool>("--current") { Description = "Connect to the database and mark its current revision(s)." };
        var command = new Command("graph", "Draw the revision graph.\n\nExamples:\n  retort graph --format mermaid > graph.mmd\n  retort graph --format dot | dot -Tpng > graph.png") { format, current };
        command.SetAction(async (result, ct) => await Commands(g, result).GraphAsync(result.GetValue(format)!, result.GetValue(current), ct));
        return command;
    }

    private static Command Verify(GlobalOptions g)
    {
        var command = new Command("verify", "Report applied revisions whose file was edited or removed since it was applied (exit 1 if any).\n\nExample (CI): retort verify");
        command.SetAction(async (result, ct) => (await Commands(g, result).VerifyAsync(ct)).Count == 0 ? 0 : 1);
        return command;
    }

    private static Option<bool> VerboseFlag() => new("--verbose", "-v") { Description = "Full details of each revision." };

    private static Option<bool> SqlFlag() => new("--sql") { Description = "Print the SQL script instead of running it (offline mode)." };

    private static Command Init()
    {
        var directory = new Argument<string>("directory") { Description = "Folder for the migration environment, e.g. migrations." };
        var template = new Option<string>("--template", "-t") { Description = "generic or multidb.", DefaultValueFactory = _ => "generic" };
        var command = new Command("init", "Create a migration environment and retort.toml.\n\nExample: retort init migrations") { directory, template };
        command.SetAction(result =>
        {
            var config = result.GetValue<string?>("--config") ?? "retort.toml";
            InitCommand.Init(result.GetValue(directory)!, result.GetValue(template)!, config, Console.Out);
        });
        return command;
    }

    private static Command ListTemplates()
    {
        var command = new Command("list-templates", "List the templates init can use.\n\nExample: retort list-templates");
        command.SetAction(_ => InitCommand.ListTemplates(Console.Out));
        return command;
    }

    private static Command Revision(GlobalOptions g)
    {
        var message = new Option<string>("--message", "-m") { Description = "What the revision does; also its file name's slug." };
        var autogenerate = new Option<bool>("--autogenerate") { Description = "Write Upgrade/Downgrade by comparing the target model with the database." };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a random one." };
        var head = new Option<string>("--head") { Description = "The revision to build on (default: head).", DefaultValueFactory = _ => "head" };
        var splice = new Option<bool>("--splice") { Description = "Allow --head to be a non-head revision: starts a new branch." };
        var branchLabel = new Option<string[]>("--branch-label") { Description = "A branch label for the new revision." };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A revision the new one depends on (repeatable)." };
        var versionPath = new Option<string?>("--version-path") { Description = "Which version location to write into." };
        var command = new Command("revision", "Create a new revision file.\n\nExamples:\n  retort revision -m \"create users table\"\n  retort revision -m \"new branch\" --head base --branch-label audit")
        {
            message, autogenerate, revId, head, splice, branchLabel, dependsOn, versionPath,
        };
        command.SetAction(async (result, ct) =>
        {
            var commands = Commands(g, result);
            var options = new RevisionOptions(result.GetValue(message) ?? "")
            {
                RevId = result.GetValue(revId),
                Head = result.GetValue(head)!,
                Splice = result.GetValue(splice),
                BranchLabels = result.GetValue(branchLabel) ?? [],
                DependsOn = result.GetValue(dependsOn) ?? [],
                VersionPath = result.GetValue(versionPath),
            };
            if (result.GetValue(autogenerate)) await commands.AutogenerateAsync(options, ct);
            else commands.Revision(options);
        });
        return command;
    }

    private static Command Migrate(GlobalOptions g, string name, string description, bool upgrade)
    {
        var revision = new Argument<string>("revision")
        {
            Description = upgrade ? "Target: head, heads, an id or prefix, +N, label@head… (default head)." : "Target: -1, base, an id or prefix, label@-1…",
        };
        if (upgrade) revision.DefaultValueFactory = _ => "head";
        var sql = SqlFlag();
        var command = new Command(name, description + (upgrade
            ? "\n\nExamples:\n  retort upgrade head\n  retort upgrade +1\n  retort upgrade ae10\n  retort upgrade --sql base:head > upgrade.sql"
            : "\n\nExamples:\n  retort downgrade -1\n  retort downgrade base\n  retort downgrade --sql head:base > downgrade.sql")) { revision, sql };
        command.SetAction(async (result, ct) =>
        {
            var commands = Commands(g, result);
            var target = result.GetValue(revision)!;
            if (upgrade) await commands.UpgradeAsync(target, result.GetValue(sql), ct);
            else await commands.DowngradeAsync(target, result.GetValue(sql), ct);
        });
        return command;
    }

    private static Command Current(GlobalOptions g)
    {
        var verbose = VerboseFlag();
        var command = new Command("current", "Show the revision(s) the database is at.\n\nExample: retort current -v") { verbose };
        command.SetAction(async (result, ct) => await Commands(g, result).CurrentAsync(result.GetValue(verbose), ct));
        return command;
    }

    private static Command History(GlobalOptions g)
    {
        var range = new Option<string?>("--rev-range", "-r") { Description = "start:end, e.g. base:head, ae10:, -3:current." };
        var verbose = VerboseFlag();
        var indicate = new Option<bool>("--indicate-current", "-i") { Description = "Mark the database's current revision(s)." };
        var graph = new Option<bool>("--graph") { Description = "Draw the branches and merges beside the lines." };
        var command = new Command("history", "List revisions, newest first.\n\nExamples:\n  retort history\n  retort history -r 1975:head -v\n  retort history --graph") { range, verbose, indicate, graph };
        command.SetAction(async (result, ct) =>
            await Commands(g, result).HistoryAsync(result.GetValue(range), result.GetValue(verbose), result.GetValue(indicate), result.GetValue(graph), ct));
        return command;
    }

    private static Command Heads(GlobalOptions g)
    {
        var verbose = VerboseFlag();
        var command = new Command("heads", "Show the current head revision(s) of the scripts.\n\nExamples:\n  retort heads\n  retort heads -v --json") { verbose };
        command.SetAction(result => { Commands(g, result).Heads(result.GetValue(verbose)); });
        return command;
    }

    private static Command Branches(GlobalOptions g)
    {
        var verbose = VerboseFlag();
        var command = new Command("branches", "Show branch points.\n\nExample: retort branches -v") { verbose };
        command.SetAction(result => Commands(g, result).Branches(result.GetValue(verbose)));
        return command;
    }

    private static Command Show(GlobalOptions g)
    {
        var revision = new Argument<string>("revision") { Description = "An id, prefix, head, label@head…" };
        var command = new Command("show", "Show one revision in full.\n\nExample: retort show ae10") { revision };
        command.SetAction(result => Commands(g, result).Show(result.GetValue(revision)!));
        return command;
    }

    private static Command Stamp(GlobalOptions g)
    {
        var revisions = new Argument<string[]>("revisions") { Description = "Revision(s) to record, e.g. head or base.", Arity = ArgumentArity.OneOrMore };
        var purge = new Option<bool>("--purge") { Description = "Empty the version table first." };
        var sql = SqlFlag();
        var command = new Command("stamp", "Set the version table to revision(s) without running any migration.\n\nExample: retort stamp head") { revisions, purge, sql };
        command.SetAction(async (result, ct) =>
            await Commands(g, result).StampAsync(result.GetValue(revisions)!, result.GetValue(purge), result.GetValue(sql), ct));
        return command;
    }

    private static Command Merge(GlobalOptions g)
    {
        var revisions = new Argument<string[]>("revisions") { Description = "Revisions to merge, e.g. heads.", Arity = ArgumentArity.OneOrMore };
        var message = new Option<string?>("--message", "-m") { Description = "The merge revision's message." };
        var branchLabel = new Option<string?>("--branch-label") { Description = "A branch label for the merge revision." };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a random one." };
        var command = new Command("merge", "Create a revision that merges two or more heads.\n\nExample: retort merge -m \"merge branches\" heads") { revisions, message, branchLabel, revId };
        command.SetAction(result =>
        {
            Commands(g, result).Merge(result.GetValue(revisions)!, result.GetValue(message), result.GetValue(branchLabel), result.GetValue(revId));
        });
        return command;
    }

    private static Command Edit(GlobalOptions g)
    {
        var revision = new Argument<string>("revision") { Description = "The revision to open in $EDITOR." };
        var command = new Command("edit", "Open a revision file in $EDITOR.\n\nExample: retort edit head") { revision };
        command.SetAction(async (result, ct) => await Commands(g, result).EditAsync(result.GetValue(revision)!, ct));
        return command;
    }

    private static Command EnsureVersion(GlobalOptions g)
    {
        var sql = SqlFlag();
        var command = new Command("ensure-version", "Create the version table if it does not exist.\n\nExamples:\n  retort ensure-version\n  retort ensure-version --sql") { sql };
        command.SetAction(async (result, ct) => await Commands(g, result).EnsureVersionAsync(result.GetValue(sql), ct));
        return command;
    }
}
