using System.Diagnostics;
using Retort.Commands;
using Retort.Configuration;

namespace Retort.Fleet;

/// <summary>
/// One revision history over many databases: <c>retort fleet upgrade|downgrade|current|check|verify</c> as library
/// calls. The revisions are compiled once and shared by every target; each target is its own database session with
/// its own migration lock, at most <c>parallel</c> at a time. Returns the report; nothing is thrown for a target that
/// fails (its entry says why), only for what stops the whole run (no targets, a bad report file, a compile error).
/// </summary>
public sealed class FleetCommands(RetortCommands commands, FleetOptions? options = null)
{
    private readonly FleetOptions _options = options ?? new FleetOptions();

    private TextWriter Output => commands.Output;

    public Task<FleetReport> UpgradeAsync(string target, CancellationToken ct = default) =>
        RunAsync($"upgrade {target}", revisions: true, async (c, token) =>
        {
            var outcome = (await c.UpgradeAsync(target, ct: token)).Single();
            return (Revisions(outcome.From), Revisions(outcome.To), null);
        }, ct);

    public Task<FleetReport> DowngradeAsync(string target, CancellationToken ct = default) =>
        RunAsync($"downgrade {target}", revisions: true, async (c, token) =>
        {
            var outcome = (await c.DowngradeAsync(target, ct: token)).Single();
            return (Revisions(outcome.From), Revisions(outcome.To), null);
        }, ct);

    /// <summary>Where each target is: <c>from</c> and <c>to</c> are both its current revision(s).</summary>
    public Task<FleetReport> CurrentAsync(CancellationToken ct = default) =>
        RunAsync("current", revisions: false, async (c, token) =>
        {
            var heads = Revisions(await c.CurrentAsync(ct: token));
            return (heads, heads, null);
        }, ct);

    /// <summary>A target whose schema differs from the target model fails, with the differences as its error.</summary>
    public Task<FleetReport> CheckAsync(CancellationToken ct = default) =>
        RunAsync("check", revisions: false, async (c, token) =>
        {
            var diffs = await c.CheckAsync(token);
            return (null, null, diffs.Count == 0 ? null : $"{diffs.Count} difference(s) from the model: {string.Join("; ", diffs.Select(d => d.Description))}");
        }, ct);

    /// <summary>A target with an applied revision whose file was edited or removed fails, naming them.</summary>
    public Task<FleetReport> VerifyAsync(CancellationToken ct = default) =>
        RunAsync("verify", revisions: false, async (c, token) =>
        {
            var problems = await c.VerifyAsync(token);
            return (null, null, problems.Count == 0 ? null : string.Join("; ", problems.Select(p => $"{p.Revision}: {p.Problem}")));
        }, ct);

    private async Task<FleetReport> RunAsync(string command, bool revisions,
        Func<RetortCommands, CancellationToken, Task<(string? From, string? To, string? Problem)>> work, CancellationToken ct)
    {
        var config = commands.Config;
        var settings = FleetSettings.From(config);
        var parallel = _options.Parallel is { } p ? FleetSettings.CheckParallel(p, "--parallel") : settings.Parallel;
        var canary = _options.Canary is { } n ? FleetSettings.CheckCanary(n, "--canary") : settings.Canary;
        var targets = await SelectAsync(config, settings, ct);
        // The graph is read and the revisions compiled once, up front: a broken revision file is one error, not one per target.
        _ = commands.Map;
        commands.CompileShared(revisions);

        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var runner = new FleetRunner(parallel, canary) { Finished = Progress };
        var results = await runner.RunAsync(targets, (target, token) => RunOneAsync(target, work, token), ct);
        var report = new FleetReport(command, started, watch.Elapsed.TotalSeconds, parallel, _options.Shard?.ToString(), results)
        {
            Interrupted = ct.IsCancellationRequested,
        };
        if (_options.ReportFile is { } path) report.Write(path);
        WriteResult(report, command);
        return report;
    }

    /// <summary>The configured targets, narrowed to this machine's shard and to the failures being retried.</summary>
    private async Task<IReadOnlyList<FleetTarget>> SelectAsync(RetortConfig config, FleetSettings settings, CancellationToken ct)
    {
        var targets = await TargetSources.LoadAsync(config, settings, _options.TargetsFile, ct);
        if (_options.Shard is { } shard) targets = shard.Select(targets);
        if (_options.RetryFailed is { } report)
        {
            var failed = FleetReport.FailedTargets(report);
            foreach (var gone in failed.Except(targets.Select(t => t.Display), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                commands.Log.Warning($"{gone} failed in {report} but is not among this run's targets: not retried.");
            targets = targets.Where(t => failed.Contains(t.Display)).ToList();
        }
        return targets;
    }

    private async Task<TargetResult> RunOneAsync(FleetTarget target,
        Func<RetortCommands, CancellationToken, Task<(string? From, string? To, string? Problem)>> work, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var one = commands.ForDatabase(target.Url, TextWriter.Null, new TargetLog(commands.Log, target.Display, _options.Verbose));
        try
        {
            var (from, to, problem) = await work(one, ct);
            return new TargetResult(target.Display, problem is null ? TargetResult.Ok : TargetResult.Failed, from, to, watch.Elapsed.TotalSeconds,
                problem is null ? null : OneLine(problem));
        }
        catch (Exception e)
        {
            // Cancelled mid-target (Ctrl-C): the revision in flight was rolled back or left as any interrupted run
            // leaves it; the report says where the target stands so that --retry-failed picks it up.
            var error = ct.IsCancellationRequested ? "interrupted while running"
                : OneLine(e is RetortException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            return new TargetResult(target.Display, TargetResult.Failed, null, await WhereNowAsync(target), watch.Elapsed.TotalSeconds, error);
        }
    }

    /// <summary>Where a failed target stands now (best effort: null when it cannot be read either).</summary>
    private async Task<string?> WhereNowAsync(FleetTarget target)
    {
        try
        {
            return Revisions(await commands.ForDatabase(target.Url, TextWriter.Null).CurrentAsync());
        }
        catch (Exception)
        {
            return null;
        }
    }

    private void Progress(TargetResult result, int done, int total)
    {
        var width = total.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var line = $"[{done.ToString().PadLeft(width)}/{total}] {result.Status,-7} {result.Target}" +
                   (result.From is not null && result.From != result.To ? $"  {result.From} -> {result.To}" : result.To is not null ? $"  {result.To}" : "") +
                   $"  {result.Seconds:0.00} s";
        if (result.Status == TargetResult.Failed) commands.Log.Warning($"{line}: {result.Error}");
        else commands.Log.Info(line);
    }

    private void WriteResult(FleetReport report, string command)
    {
        if (commands.Json)
        {
            JsonOutput.Write(Output, report.ToJson());
            return;
        }
        if (command == "current")
            foreach (var t in report.Targets.Where(t => t.Status == TargetResult.Ok)) Output.WriteLine($"{t.Target}: {t.To}");
        foreach (var t in report.Targets.Where(t => t.Status == TargetResult.Failed)) Output.WriteLine($"failed  {t.Target}: {t.Error}");
        Output.WriteLine($"Fleet {command}: {report.Summary}.");
    }

    private static string Revisions(IReadOnlyList<string> ids) => ids.Count == 0 ? "base" : string.Join(",", ids);

    private static string OneLine(string text) =>
        DatabaseUrl.Mask(string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
