using Retort.Runtime;

namespace Retort.Fleet;

/// <summary>
/// One target's log inside a fleet run: its warnings reach the fleet's log with the target named; its info lines
/// (a line per revision, for hundreds of databases) only with <c>verbose</c>. No per-target progress bar.
/// </summary>
internal sealed class TargetLog(IMigrationLog fleet, string target, bool verbose) : IMigrationLog
{
    public void Info(string message)
    {
        if (verbose) fleet.Info($"{target}: {message}");
    }

    public void Warning(string message) => fleet.Warning($"{target}: {message}");
}
