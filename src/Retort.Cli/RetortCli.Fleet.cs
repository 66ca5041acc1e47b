using System.CommandLine;
using Retort.Fleet;

namespace Retort.Cli;

/// <summary><c>retort fleet …</c>: one revision history over many databases (Retort.Fleet does the work).</summary>
internal static partial class RetortCli
{
    private sealed class FleetFlags
    {
        public readonly Option<string?> Targets = new("--targets") { Description = "A file with one database URL per line (# comments, ${ENV}); replaces [fleet] targets.", Recursive = true };
        public readonly Option<int?> Parallel = new("--parallel") { Description = "How many targets run at once (the connection budget); default [fleet] parallel or 8.", Recursive = true };
        public readonly Option<int?> Canary = new("--canary") { Description = "Run the first N targets first; if any fails, skip the rest untouched.", Recursive = true };
        public readonly Option<string?> Shard = new("--shard") { Description = "K/N: this machine's share of the targets (machines 1..N cover each target once).", Recursive = true };
        public readonly Option<string?> Report = new("--report") { Description = "Write a JSON report: each target's status, from, to, seconds, error.", Recursive = true };
        public readonly Option<string?> RetryFailed = new("--retry-failed") { Description = "Only the targets that failed in this earlier --report file.", Recursive = true };

        public FleetOptions Read(ParseResult result, GlobalOptions g) => new()
        {
            TargetsFile = result.GetValue(Targets),
            Parallel = result.GetValue(Parallel),
            Canary = result.GetValue(Canary),
            Shard = result.GetValue(Shard) is { } shard ? Retort.Fleet.Shard.Parse(shard) : null,
            ReportFile = result.GetValue(Report),
            RetryFailed = result.GetValue(RetryFailed),
            Verbose = result.GetValue(g.Verbose),
        };
    }

    private static Command Fleet(GlobalOptions g)
    {
        var flags = new FleetFlags();
        var fleet = HelpExamples.Create("fleet", "Run one revision history over many databases: tenants, shards, regions (see docs/fleet.md).",
            "retort fleet upgrade head --parallel 8 --report fleet.json",
            "retort fleet upgrade head --canary 2 --shard 1/3",
            "retort fleet upgrade head --retry-failed fleet.json",
            "retort fleet current --targets tenants.txt");
        foreach (var o in new Option[] { flags.Targets, flags.Parallel, flags.Canary, flags.Shard, flags.Report, flags.RetryFailed }) fleet.Options.Add(o);

        var create = CreateDatabaseFlag();
        fleet.Subcommands.Add(FleetMigrate(g, flags, "upgrade", "Upgrade every target (head when no revision is given).", create));
        fleet.Subcommands.Add(FleetMigrate(g, flags, "downgrade", "Downgrade every target.", null));
        fleet.Subcommands.Add(FleetRead(g, flags, "current", "Show the revision(s) each target is at.", f => f.CurrentAsync));
        fleet.Subcommands.Add(FleetRead(g, flags, "check", "Compare the target model with each target's schema; the targets that differ fail.", f => f.CheckAsync));
        fleet.Subcommands.Add(FleetRead(g, flags, "verify", "Report, per target, applied revisions whose file was edited or removed; those targets fail.", f => f.VerifyAsync));
        return fleet;
    }

    private static Command FleetMigrate(GlobalOptions g, FleetFlags flags, string name, string description, Option<bool>? create)
    {
        var upgrade = create is not null;
        var revision = new Argument<string?>("revision")
        {
            Description = upgrade ? "Target: head, heads, an id or prefix, +N…; head when omitted." : "Target: -1, base, an id or prefix…",
            Arity = upgrade ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        };
        var command = upgrade
            ? HelpExamples.Create(name, description, "retort fleet upgrade head --report fleet.json", "retort fleet upgrade head --create-database --canary 1")
            : HelpExamples.Create(name, description, "retort fleet downgrade -1 --report fleet.json");
        command.Arguments.Add(revision);
        if (create is not null) command.Options.Add(create);
        command.SetAction(async (result, ct) =>
        {
            var fleet = new FleetCommands(Commands(g, result, create is not null && result.GetValue(create)), flags.Read(result, g));
            var target = result.GetValue(revision) ?? "head";
            return Outcome(upgrade ? await fleet.UpgradeAsync(target, ct) : await fleet.DowngradeAsync(target, ct), g, flags, result);
        });
        return command;
    }

    private static Command FleetRead(GlobalOptions g, FleetFlags flags, string name, string description,
        Func<FleetCommands, Func<CancellationToken, Task<FleetReport>>> run)
    {
        var command = HelpExamples.Create(name, description, $"retort fleet {name} --report {name}.json", $"retort --json fleet {name}");
        command.SetAction(async (result, ct) =>
            Outcome(await run(new FleetCommands(Commands(g, result), flags.Read(result, g)))(ct), g, flags, result));
        return command;
    }

    /// <summary>Exit 1 with one FAILED line when any target failed; the report (or the lines above) names them.</summary>
    private static int Outcome(FleetReport report, GlobalOptions g, FleetFlags flags, ParseResult result)
    {
        var where = result.GetValue(flags.Report) is { } path ? $"; the report lists them: {path}" : "";
        // Returned, not thrown: after Ctrl-C, System.CommandLine ends the invocation itself when the action throws,
        // and the line would never be printed.
        if (report.Interrupted)
            return Fail(new InterruptedRunException($"Fleet run interrupted: {report.Counts}{where}."), result.GetValue(g.Verbose));
        if (!report.AnyFailed) return 0;
        throw new RetortException($"{report.Count(TargetResult.Failed)} of {report.Targets.Count} fleet target(s) failed{where}.");
    }

    /// <summary>A run stopped by Ctrl-C that still has something to say (exit 130, like any cancelled command).</summary>
    internal sealed class InterruptedRunException(string message) : OperationCanceledException(message);
}
