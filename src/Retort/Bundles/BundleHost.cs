using System.Diagnostics;
using System.Security.Cryptography;
using Retort.Runtime;

namespace Retort.Bundles;

/// <summary>
/// The program every bundle runs: the host project shipped with the tool (<paramref name="templateDirectory"/>),
/// referencing this build's Retort assemblies (<paramref name="libraryDirectory"/>) and the database drivers, published
/// self-contained as one file with <c>dotnet publish</c>. Published once per Retort build and platform into
/// <paramref name="cacheRoot"/>; every later bundle copies it. Roslyn is not referenced, so it is not in the bundle.
/// </summary>
public sealed class BundleHost(string templateDirectory, string libraryDirectory, string cacheRoot)
{
    public const string ProjectFileName = "Retort.BundleHost.csproj";

    /// <summary>The Retort assemblies the host references; copied beside the project so that MSBuild finds their
    /// dependencies (Roslyn among them) nowhere and copies none.</summary>
    private static readonly string[] Libraries = ["Retort.dll", "Retort.Cli.dll"];

    /// <summary>The default cache: $XDG_CACHE_HOME/retort/bundle-host, else ~/.cache/retort/bundle-host.</summary>
    public static string DefaultCacheRoot =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "retort", "bundle-host");

    /// <summary>The published host executable for <paramref name="rid"/>, publishing it first unless cached.</summary>
    public async Task<string> GetAsync(string rid, IMigrationLog log, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(templateDirectory, ProjectFileName)))
            throw new RetortException($"The bundle host project is missing from {templateDirectory}: reinstall the retort tool.");
        var key = Key(rid);
        var folder = Path.Combine(cacheRoot, $"{rid}-{key}");
        var executable = Path.Combine(folder, "out", rid.StartsWith("win", StringComparison.Ordinal) ? "retort-bundle.exe" : "retort-bundle");
        if (File.Exists(executable))
        {
            log.Info($"Reusing the bundle host for {rid} published earlier ({folder}).");
            TryTouch(folder); // in use: not pruned by another build's bundle
            return executable;
        }
        var work = folder + "." + Environment.ProcessId + ".tmp";
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(Path.Combine(work, "lib"));
        foreach (var file in Directory.GetFiles(templateDirectory)) File.Copy(file, Path.Combine(work, Path.GetFileName(file)));
        foreach (var library in Libraries) File.Copy(Path.Combine(libraryDirectory, library), Path.Combine(work, "lib", library));
        log.Info($"Publishing the bundle host for {rid} (dotnet publish, self-contained single file; once per Retort build and platform, a minute or more)...");
        try
        {
            await PublishAsync(work, rid, ct);
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
        // Only the executable is ever used again: the build's intermediate files are twice its size.
        foreach (var intermediate in new[] { "bin", "obj" })
            if (Directory.Exists(Path.Combine(work, intermediate))) Directory.Delete(Path.Combine(work, intermediate), recursive: true);
        try
        {
            Directory.Move(work, folder);
        }
        catch (IOException) when (File.Exists(executable))
        {
            Directory.Delete(work, recursive: true); // another bundle command published the same host meanwhile
        }
        RemoveOtherBuilds(rid, folder);
        return executable;
    }

    private static async Task PublishAsync(string work, string rid, CancellationToken ct)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "publish", ProjectFileName, "-c", "Release", "-r", rid, "-o", "out", "-nologo", "-v", "quiet", "-p:RetortLib=" + Path.Combine(work, "lib") })
            start.ArgumentList.Add(a);
        // Set by a parent `dotnet` (test runs, MSBuild tasks): they would point this publish at another SDK's MSBuild.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RetortException($"Building a bundle needs the .NET SDK (dotnet publish), which could not be started: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                throw new RetortException($"dotnet publish of the bundle host for {rid} failed (exit {process.ExitCode}): "
                                          + string.Join(" | ", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).DefaultIfEmpty(lines.LastOrDefault() ?? "").Take(5)));
            }
        }
    }

    /// <summary>The running dotnet when the tool runs through it, else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>The host's identity: the platform, the project template and the exact Retort assemblies it references.</summary>
    private string Key(string rid)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(rid + "\0"));
        foreach (var file in Directory.GetFiles(templateDirectory).Order(StringComparer.Ordinal))
            hash.AppendData(File.ReadAllBytes(file));
        foreach (var library in Libraries)
            hash.AppendData(File.ReadAllBytes(Path.Combine(libraryDirectory, library)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>
    /// Hosts of other Retort builds for the same platform are dead weight (~100 MB each) once unused for a day; one
    /// used more recently may belong to another installed build still in use, so it stays.
    /// </summary>
    private void RemoveOtherBuilds(string rid, string keep)
    {
        try
        {
            foreach (var dir in Directory.GetDirectories(cacheRoot, rid + "-*"))
                if (dir != keep && !dir.EndsWith(".tmp", StringComparison.Ordinal) && Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-1))
                    Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static void TryTouch(string folder)
    {
        try { Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
