using System.Diagnostics;

namespace Retort.Tests.Cli;

/// <summary>A versions folder the user cannot write to: one clear line, and no half-written file.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ReadOnlyVersionsTests
{
    [Fact]
    public async Task Revision_into_a_read_only_versions_folder_fails_cleanly()
    {
        using var p = await TutorialProject.CreateAsync();
        var versions = Path.Combine(p.Path, "migrations", "versions");
        var before = Directory.GetFiles(versions).Order().ToList();
        // Root writes anywhere, so run the CLI as an unprivileged user on a tree it can read but not write.
        foreach (var d in Directory.GetDirectories(p.Path, "*", SearchOption.AllDirectories).Append(p.Path))
            File.SetUnixFileMode(d, (UnixFileMode)0b111_101_101);
        foreach (var f in Directory.GetFiles(p.Path, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100);
        var start = new ProcessStartInfo("runuser") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = p.Path };
        foreach (var a in new[] { "-u", "nobody", "--", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "dotnet", Path.Combine(AppContext.BaseDirectory, "Retort.Cli.dll"), "revision", "-m", "more" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Matches(@"^FAILED: Cannot write migrations/versions/[0-9a-f]{12}_more\.cs: Access to the path '.*' is denied\.\n$", stderr);
        Assert.Equal(before, Directory.GetFiles(versions).Order().ToList());
    }
}
