using System.ComponentModel;
using System.Diagnostics;

using Retort.Configuration;

namespace Retort.Hooks;

/// <summary>
/// Runs the configured hooks, in order, on a revision file just written. As in Alembic the file is written first
/// and stays whatever a hook does; unlike Alembic's exec hook, a non-zero exit is an error naming the hook.
/// </summary>
public static class PostWriteHookRunner
{
    public static void Run(IReadOnlyList<PostWriteHook> hooks, string path, string baseDirectory, TextWriter output)
    {
        foreach (var hook in hooks)
        {
            output.WriteLine($"  Running post write hook \"{hook.Name}\" ...");
            var start = new ProcessStartInfo(hook.Command)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetFullPath(Path.Combine(baseDirectory, hook.WorkingDirectory ?? ".")),
            };
            foreach (var arg in hook.ArgumentsFor(path)) start.ArgumentList.Add(arg);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new RetortException($"Post write hook \"{hook.Name}\" could not start {hook.Command}.");
            }
            catch (Win32Exception e)
            {
                throw new RetortException($"Post write hook \"{hook.Name}\" could not start '{hook.Command}': {e.Message}. The revision file {path} was written and stays.");
            }
            using (process)
            {
                // Both streams read at once: a hook that fills one pipe while the other is awaited would hang.
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                output.Write(stdout.Result);
                output.Write(stderr.Result);
                if (process.ExitCode != 0)
                    throw new RetortException($"Post write hook \"{hook.Name}\" ({hook.Command}) exited with code {process.ExitCode}; the revision file {path} was written and stays.");
            }
            output.WriteLine("  done");
        }
    }
}
