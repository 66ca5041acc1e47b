using System.Diagnostics;
using Retort.Configuration;
using Retort.Runtime;

namespace Retort.Fleet;

/// <summary>
/// Reads the fleet's target list from the one source configured: a file (<c>--targets</c> or <c>targets</c>), a
/// command's output (<c>targets_command</c>) or a query on the configured database (<c>targets_query</c>).
/// </summary>
public static class TargetSources
{
    public static async Task<IReadOnlyList<FleetTarget>> LoadAsync(RetortConfig config, FleetSettings settings, string? targetsFile, CancellationToken ct)
    {
        var (lines, origin) = targetsFile is not null ? (ReadFile(Path.GetFullPath(targetsFile)), targetsFile)
            : settings.Targets is { } file ? (ReadFile(Path.GetFullPath(Path.Combine(config.BaseDirectory, file))), file)
            : settings.TargetsCommand is { } command ? (await RunCommandAsync(command, config.BaseDirectory, ct), "targets_command")
            : settings.TargetsQuery is { } query ? (await QueryAsync(config, query, ct), "targets_query")
            : throw new RetortException("No fleet targets: set targets, targets_command or targets_query in [fleet] of retort.toml, or pass --targets FILE.");
        return Parse(lines, origin);
    }

    /// <summary>One URL per line; blank lines and <c>#</c> comments skipped; <c>${NAME}</c> read from the environment.</summary>
    public static IReadOnlyList<FleetTarget> Parse(IReadOnlyList<string> lines, string origin)
    {
        var targets = new List<FleetTarget>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var target = new FleetTarget(ConfigLoader.Expand(line, $"{origin} line {i + 1}"));
            // Twice the same database would race itself for its lock and count twice in the report.
            if (seen.TryGetValue(target.Display, out var first))
                throw new RetortException($"{origin} line {i + 1}: {target.Display} is already listed on line {first}.");
            seen[target.Display] = i + 1;
            targets.Add(target);
        }
        if (targets.Count == 0) throw new RetortException($"No fleet targets: {origin} lists none.");
        return targets;
    }

    private static string[] ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : throw new RetortException($"Fleet targets file not found: {path}");

    private static async Task<IReadOnlyList<string>> RunCommandAsync(string command, string directory, CancellationToken ct)
    {
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", command } } : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.WorkingDirectory = directory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new RetortException($"targets_command could not be started: {command}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            var reason = (await stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no message";
            throw new RetortException($"targets_command exited with {process.ExitCode}: {DatabaseUrl.Mask(reason)}");
        }
        return (await stdout).Split('\n');
    }

    private static async Task<IReadOnlyList<string>> QueryAsync(RetortConfig config, string query, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(config, ct);
        try
        {
            return await session.Target.QueryStringsAsync(new Dialects.SqlStatement(query), ct);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new RetortException($"targets_query failed on {session.Url.Display}: {DatabaseUrl.Mask(e.Message.Trim())}");
        }
    }
}
