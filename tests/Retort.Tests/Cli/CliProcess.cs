using System.Diagnostics;

namespace Retort.Tests.Cli;

/// <summary>The real retort CLI as a running process: wait for a line it logs, then let it finish or kill it.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly System.Text.StringBuilder _stderr = new();
    private readonly List<(string Needle, TaskCompletionSource Seen)> _waits = [];
    private readonly Task _stderrDone;

    private CliProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderrDone = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (_stderr)
                {
                    _stderr.Append(line).Append('\n');
                    foreach (var (needle, seen) in _waits)
                        if (line.Contains(needle, StringComparison.Ordinal)) seen.TrySetResult();
                }
            lock (_stderr) foreach (var (_, seen) in _waits) seen.TrySetResult();
        });
    }

    public static CliProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Retort.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Completes when a stderr line contains <paramref name="needle"/>, or when the process has ended.</summary>
    public Task WaitForLineAsync(string needle)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stderr)
        {
            if (_stderr.ToString().Contains(needle, StringComparison.Ordinal) || _stderrDone.IsCompleted) seen.TrySetResult();
            else _waits.Add((needle, seen));
        }
        return seen.Task;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGINT, as Ctrl-C in a terminal sends it.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no finally block, no rollback, no goodbye to the server.</summary>
    public async Task KillAsync()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
    }

    public async Task<CliRunner.Result> WaitAsync()
    {
        await _process.WaitForExitAsync();
        await _stderrDone;
        var stdout = await _stdout;
        lock (_stderr) return new CliRunner.Result(_process.ExitCode, stdout, _stderr.ToString());
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
