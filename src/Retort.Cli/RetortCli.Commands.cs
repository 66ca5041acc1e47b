using System.CommandLine;
using Retort.Commands;

namespace Retort.Cli;

internal static partial class RetortCli
{
    private static IEnumerable<Command> BuildCommands(GlobalOptions g)
    {
        yield return Init(g);
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
        yield return Repair(g);
        yield return Graph(g);
        yield return Check(g);
        yield return Lint(g);
        yield return Fleet(g);
        yield return Bundle(g);
        foreach (var command in AdoptCommands(g)) yield return command;
    }

    private static Command Check(GlobalOptions g)
    {
        var command = HelpExamples.Create("check", "Compare the target model with the database; exit 1 and list the differences when they differ.", "retort check    # in CI");
        command.SetAction(async (result, ct) => (await Commands(g, result).CheckAsync(ct)).Count == 0 ? 0 : 1);
        return command;
    }

    private static Command Graph(GlobalOptions g)
    {
        var format = new Option<string>("--format", "-f") { Description = "mermaid, dot or ascii.", DefaultValueFactory = _ => "ascii" };
        format.AcceptOnlyFromAmong("mermaid", "dot", "ascii");
        var current = new Option<bool>("--current") { Description = "Connect to the database and mark its current revision(s)." };
        var command = HelpExamples.Create("graph", "Draw the revision graph.",
            "retort graph --format mermaid > graph.mmd", "retort graph --format dot | dot -Tpng > graph.png");
        command.Options.Add(format);
        command.Options.Add(current);
        command.SetAction(async (result, ct) => await Commands(g, result).GraphAsync(result.GetValue(format)!, result.GetValue(current), ct));
        return command;
    }

    private static Command Verify(GlobalOptions g)
    {
        var accept = new Option<string[]>("--accept")
        {
            Description = "Accept REV's file as it is now (records its new checksum, who and when, in the history); for a removed file, accept the removal. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = HelpExamples.Create("verify", "Report applied revisions whose file was edited or removed since it was applied (exit 1 if any).",
            "retort verify    # in CI", "retort verify --accept ae1027a6acf2    # the edit was reviewed and is intended");
        command.Options.Add(accept);
        command.SetAction(async (result, ct) => (await Commands(g, result).VerifyAsync(result.GetValue(accept) ?? [], ct)).Count == 0 ? 0 : 1);
        return command;
    }

    private static Command Repair(GlobalOptions g)
    {
        var command = HelpExamples.Create("repair",
            "After an interrupted run (kill -9, power loss) on a database without transactional DDL, and after undoing by hand what the " +
            "interrupted revision did: mark it as not applied, so that the next upgrade runs it from the start.", "retort repair");
        command.SetAction(async (result, ct) => { await Commands(g, result).RepairAsync(ct); });
        return command;
    }

    private static Option<string?> TagOption() => new("--tag") { Description = "Any text for the env file, read there as context.Tag (Alembic's --tag)." };

    private static Option<bool> SqlFlag() => new("--sql") { Description = "Print the SQL script instead of running it (offline mode)." };

    private static Command Init(GlobalOptions g)
    {
        var directory = new Argument<string>("directory") { Description = "Folder for the migration environment, e.g. migrations." };
        var template = new Option<string>("--template", "-t") { Description = "generic or multidb.", DefaultValueFactory = _ => "generic" };
        var command = HelpExamples.Create("init", "Create a migration environment and retort.toml.", "retort init migrations", "retort init --template multidb migrations");
        command.Arguments.Add(directory);
        command.Options.Add(template);
        command.SetAction(result =>
        {
            var config = g.ConfigFile(result) ?? "retort.toml";
            InitCommand.Init(result.GetValue(directory)!, result.GetValue(template)!, config, Console.Out);
        });
        return command;
    }

    private static Command ListTemplates()
    {
        var command = HelpExamples.Create("list-templates", "List the templates init can use.", "retort list-templates");
        command.SetAction(_ => InitCommand.ListTemplates(Console.Out));
        return command;
    }

    private static Command Revision(GlobalOptions g)
    {
        var message = new Option<string>("--message", "-m") { Description = "What the revision does; also its file name's slug." };
        var autogenerate = new Option<bool>("--autogenerate") { Description = "Write Upgrade/Downgrade by comparing the target model with the database." };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a random one." };
        var head = new Option<string>("--head") { Description = "The revision to build on.", DefaultValueFactory = _ => "head" };
        var splice = new Option<bool>("--splice") { Description = "Allow --head to be a non-head revision: starts a new branch." };
        var branchLabel = new Option<string[]>("--branch-label") { Description = "A branch label for the new revision." };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A revision the new one depends on (repeatable)." };
        var versionPath = new Option<string?>("--version-path") { Description = "Which version location to write into." };
        var sql = new Option<bool>("--sql") { Description = "With revision_environment = true: run env.cs in offline mode (context.IsOffline), connecting to nothing; not with --autogenerate." };
        var command = HelpExamples.Create("revision", "Create a new revision file.",
            "retort revision -m \"create users table\"", "retort revision --autogenerate -m \"add email\"",
            "retort revision -m \"new branch\" --head base --branch-label audit");
        foreach (var option in new Option[] { message, autogenerate, revId, head, splice, branchLabel, dependsOn, versionPath, sql }) command.Options.Add(option);
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
                Sql = result.GetValue(sql),
            };
            if (result.GetValue(autogenerate))
            {
                // Alembic's words: autogenerate compares with the live database, which --sql promises not to touch.
                if (result.GetValue(sql)) throw new RetortException("Using --sql with --autogenerate does not make any sense: autogenerate reads the database.");
                await commands.AutogenerateAsync(options, ct);
            }
            else commands.Revision(options);
        });
        return command;
    }

    private static Command Migrate(GlobalOptions g, string name, string description, bool upgrade)
    {
        // upgrade's target is optional; "head" when omitted is said once, in the description (no library default,
        // which the command list would append to the description a second time).
        var revision = new Argument<string?>("revision")
        {
            Description = upgrade ? "Target: head, heads, an id or prefix, +N, label@head…; head when omitted." : "Target: -1, base, an id or prefix, label@-1…",
            Arity = upgrade ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        };
        var sql = SqlFlag();
        var tag = TagOption();
        var create = upgrade ? CreateDatabaseFlag() : null;
        var command = upgrade
            ? HelpExamples.Create(name, description, "retort upgrade head", "retort upgrade +1", "retort upgrade ae10", "retort upgrade head --create-database",
                "retort upgrade --sql base:head > upgrade.sql")
            : HelpExamples.Create(name, description, "retort downgrade -1", "retort downgrade base", "retort downgrade --sql head:base > downgrade.sql");
        command.Arguments.Add(revision);
        command.Options.Add(sql);
        command.Options.Add(tag);
        if (create is not null) command.Options.Add(create);
        command.SetAction(async (result, ct) =>
        {
            var commands = Commands(g, result, create is not null && result.GetValue(create));
            commands.Config.Tag = result.GetValue(tag);
            var target = result.GetValue(revision) ?? "head";
            if (upgrade) await commands.UpgradeAsync(target, result.GetValue(sql), ct);
            else await commands.DowngradeAsync(target, result.GetValue(sql), ct);
        });
        return command;
    }

    private static Option<bool> CreateDatabaseFlag() => new("--create-database")
    {
        Description = "PostgreSQL, MariaDB/MySQL: create the database named in the URL first if it does not exist (connects to the server's maintenance database).",
    };

    private static Command Current(GlobalOptions g)
    {
        var checkHeads = new Option<bool>("--check-heads") { Description = "Exit 1 unless the database is at the head revision(s) of the scripts." };
        var command = HelpExamples.Create("current", "Show the revision(s) the database is at.", "retort current", "retort current -v", "retort current --check-heads    # in a deploy gate");
        command.Options.Add(checkHeads);
        command.SetAction(async (result, ct) => await Commands(g, result).CurrentAsync(result.GetValue(g.Verbose), result.GetValue(checkHeads), ct));
        return command;
    }

    private static Command History(GlobalOptions g)
    {
        var range = new Option<string?>("--rev-range", "-r") { Description = "start:end, e.g. base:head, ae10:, -3:current." };
        var indicate = new Option<bool>("--indicate-current", "-i") { Description = "Mark the database's current revision(s)." };
        var graph = new Option<bool>("--graph") { Description = "Draw the branches and merges beside the lines." };
        var command = HelpExamples.Create("history", "List revisions, newest first.", "retort history", "retort history -r 1975:head -v", "retort history --graph");
        command.Options.Add(range);
        command.Options.Add(indicate);
        command.Options.Add(graph);
        command.SetAction(async (result, ct) =>
            await Commands(g, result).HistoryAsync(result.GetValue(range), result.GetValue(g.Verbose), result.GetValue(indicate), result.GetValue(graph), ct));
        return command;
    }

    private static Command Heads(GlobalOptions g)
    {
        var resolve = new Option<bool>("--resolve-dependencies") { Description = "Treat depends_on as down revisions: a head another revision depends on is not shown." };
        var command = HelpExamples.Create("heads", "Show the current head revision(s) of the scripts.", "retort heads", "retort heads -v --json", "retort heads --resolve-dependencies");
        command.Options.Add(resolve);
        command.SetAction(result => { Commands(g, result).Heads(result.GetValue(g.Verbose), result.GetValue(resolve)); });
        return command;
    }

    private static Command Branches(GlobalOptions g)
    {
        var command = HelpExamples.Create("branches", "Show branch points.", "retort branches -v");
        command.SetAction(result => Commands(g, result).Branches(result.GetValue(g.Verbose)));
        return command;
    }

    private static Command Show(GlobalOptions g)
    {
        var revision = new Argument<string>("revision") { Description = "An id, prefix, head, label@head…" };
        var command = HelpExamples.Create("show", "Show one revision in full.", "retort show ae10", "retort show head");
        command.Arguments.Add(revision);
        command.SetAction(result => Commands(g, result).Show(result.GetValue(revision)!));
        return command;
    }

    private static Command Stamp(GlobalOptions g)
    {
        var revisions = new Argument<string[]>("revisions") { Description = "Revision(s) to record, e.g. head or base.", Arity = ArgumentArity.OneOrMore };
        var purge = new Option<bool>("--purge") { Description = "Empty the version table first." };
        var sql = SqlFlag();
        var tag = TagOption();
        var create = CreateDatabaseFlag();
        var command = HelpExamples.Create("stamp", "Set the version table to revision(s) without running any migration.", "retort stamp head", "retort stamp --purge base");
        command.Arguments.Add(revisions);
        command.Options.Add(purge);
        command.Options.Add(sql);
        command.Options.Add(tag);
        command.Options.Add(create);
        command.SetAction(async (result, ct) =>
        {
            var commands = Commands(g, result, result.GetValue(create));
            commands.Config.Tag = result.GetValue(tag);
            await commands.StampAsync(result.GetValue(revisions)!, result.GetValue(purge), result.GetValue(sql), ct);
        });
        return command;
    }

    private static Command Merge(GlobalOptions g)
    {
        var revisions = new Argument<string[]>("revisions") { Description = "Revisions to merge, e.g. heads.", Arity = ArgumentArity.OneOrMore };
        var message = new Option<string?>("--message", "-m") { Description = "The merge revision's message." };
        var branchLabel = new Option<string?>("--branch-label") { Description = "A branch label for the merge revision." };
        var revId = new Option<string?>("--rev-id") { Description = "Use this id instead of a random one." };
        var command = HelpExamples.Create("merge", "Create a revision that merges two or more heads.", "retort merge -m \"merge branches\" heads");
        command.Arguments.Add(revisions);
        foreach (var option in new Option[] { message, branchLabel, revId }) command.Options.Add(option);
        command.SetAction(result =>
        {
            Commands(g, result).Merge(result.GetValue(revisions)!, result.GetValue(message), result.GetValue(branchLabel), result.GetValue(revId));
        });
        return command;
    }

    private static Command Edit(GlobalOptions g)
    {
        var revision = new Argument<string>("revision") { Description = "The revision to open in $VISUAL or $EDITOR." };
        var command = HelpExamples.Create("edit", "Open a revision file in $VISUAL or $EDITOR.", "retort edit head");
        command.Arguments.Add(revision);
        command.SetAction(async (result, ct) => await Commands(g, result).EditAsync(result.GetValue(revision)!, ct));
        return command;
    }

    private static Command EnsureVersion(GlobalOptions g)
    {
        var sql = SqlFlag();
        var command = HelpExamples.Create("ensure-version", "Create the version table if it does not exist.", "retort ensure-version", "retort ensure-version --sql");
        command.Options.Add(sql);
        command.SetAction(async (result, ct) => await Commands(g, result).EnsureVersionAsync(result.GetValue(sql), ct));
        return command;
    }
}
