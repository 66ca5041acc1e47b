using System.CommandLine;
using Retort.Bundles;

namespace Retort.Cli;

/// <summary><c>retort bundle</c>: one executable with the project's revisions precompiled (Retort.Bundles does the work).</summary>
internal static partial class RetortCli
{
    /// <summary>What a bundle runs: the commands of a deploy, with the tool's output and exit codes.</summary>
    private static readonly HashSet<string> BundleCommands = ["upgrade", "downgrade", "current", "check", "verify", "history", "heads"];

    private static Command Bundle(GlobalOptions g)
    {
        var output = new Option<string>("--output", "-o") { Description = "The executable to write, e.g. migrate.", Required = true };
        var runtime = new Option<string?>("--runtime", "-r") { Description = "The platform (RID) to build for, e.g. linux-x64, linux-musl-arm64; this machine's when omitted." };
        var command = HelpExamples.Create("bundle",
            "Write one self-contained executable with the revisions precompiled, for deploying: no SDK, no project files (see docs/deploy.md).",
            "retort bundle -o migrate", "retort bundle -o migrate -r linux-musl-x64");
        command.Options.Add(output);
        command.Options.Add(runtime);
        command.SetAction(async (result, ct) =>
        {
            var config = g.LoadConfig(result);
            var log = new TerminalLog(Error, result.GetValue(g.Quiet), interactive: false);
            var host = new BundleHost(Path.Combine(AppContext.BaseDirectory, "BundleHost"), AppContext.BaseDirectory, BundleHost.DefaultCacheRoot);
            var rid = result.GetValue(runtime) ?? BundleBuilder.CurrentRuntimeIdentifier;
            var summary = await new BundleBuilder(config, log).BuildAsync(result.GetValue(output)!, rid, host, ct);
            Out.WriteLine($"Wrote {summary.Path} ({summary.RuntimeIdentifier}, {summary.Bytes / (1024 * 1024)} MiB, {summary.Revisions} revisions). Run it as: {Path.GetFileName(summary.Path)} --url URL upgrade head");
        });
        return command;
    }
}
