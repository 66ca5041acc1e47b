namespace Retort.Fleet;

/// <summary>
/// Runs one piece of work per target, at most <c>parallel</c> at a time (the connection budget: each target holds one
/// connection while it runs). Canaries, the first targets, run first; if one fails, the rest are skipped untouched.
/// A failed target never stops the others. When the run is cancelled (Ctrl-C), the targets already running finish or
/// stop as their work allows, and the ones never started are reported <c>skipped</c>: the report is still whole.
/// </summary>
public sealed class FleetRunner(int parallel, int canary)
{
    /// <summary>Called as each target finishes (from any thread, one call at a time), with how many are done so far.</summary>
    public Action<TargetResult, int, int>? Finished { get; init; }

    /// <summary>The error of a target that was never started because the run was cancelled.</summary>
    public const string Interrupted = "not run: the fleet run was interrupted";

    public async Task<IReadOnlyList<TargetResult>> RunAsync(IReadOnlyList<FleetTarget> targets,
        Func<FleetTarget, CancellationToken, Task<TargetResult>> run, CancellationToken ct)
    {
        var results = new TargetResult?[targets.Count];
        var done = 0;
        var gate = new Lock();
        // Database drivers block thread-pool threads (SQLite is synchronous underneath): without enough threads the
        // pool would add one every half second and the budget would not be reached for seconds.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < parallel + 2) ThreadPool.SetMinThreads(parallel + 2, io);

        async Task Batch(int from, int to)
        {
            if (ct.IsCancellationRequested) return;
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
                    async (i, token) =>
                    {
                        var result = await run(targets[i], token);
                        lock (gate)
                        {
                            results[i] = result;
                            Finished?.Invoke(result, ++done, targets.Count);
                        }
                    });
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        var canaries = Math.Min(canary, targets.Count);
        await Batch(0, canaries);
        if (results.Take(canaries).Any(r => r?.Status == TargetResult.Failed))
        {
            var failed = results.Take(canaries).Where(r => r?.Status == TargetResult.Failed).Select(r => r!.Target);
            var reason = $"not run: canary {string.Join(", ", failed)} failed";
            for (var i = canaries; i < targets.Count; i++) results[i] = new TargetResult(targets[i].Display, TargetResult.Skipped, null, null, 0, reason);
        }
        else await Batch(canaries, targets.Count);
        return results.Select((r, i) => r ?? new TargetResult(targets[i].Display, TargetResult.Skipped, null, null, 0, Interrupted)).ToList();
    }
}
