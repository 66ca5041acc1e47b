using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Retort.Scripting;

/// <summary>
/// The application assemblies revisions and env.cs compile against (<c>references</c> in retort.toml): a .dll as it
/// is, a .csproj built (quietly, and again only when a file of its folder changed) and its output assembly.
/// </summary>
public static class ProjectReferences
{
    /// <summary>The assembly paths, building the projects that need it; <paramref name="cacheDirectory"/> keeps each project's last build.</summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> references, string cacheDirectory)
    {
        var dlls = new List<string>(references.Count);
        foreach (var reference in references)
        {
            if (reference.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) dlls.Add(Build(reference, cacheDirectory));
            else if (File.Exists(reference)) dlls.Add(reference);
            else throw new RetortException($"Referenced assembly {reference} does not exist (references in retort.toml); build it first, or reference its .csproj.");
        }
        return dlls;
    }

    /// <summary>A key that changes whenever one of the assemblies does.</summary>
    public static string Fingerprint(IReadOnlyList<string> dlls)
    {
        if (dlls.Count == 0) return "";
        var text = new StringBuilder();
        foreach (var dll in dlls)
        {
            var info = new FileInfo(dll);
            text.Append(dll).Append('\0').Append(info.Length).Append('\0').Append(info.LastWriteTimeUtc.Ticks).Append('\0');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Build(string project, string cacheDirectory)
    {
        if (!File.Exists(project)) throw new RetortException($"Referenced project {project} does not exist (references in retort.toml).");
        var stamp = Path.Combine(cacheDirectory, "ref-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(project)))[..16] + ".txt");
        var sources = SourceState(Path.GetDirectoryName(project)!);
        if (File.Exists(stamp) && File.ReadAllLines(stamp) is [var state, var built] && state == sources && File.Exists(built)) return built;

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // msbuild with an explicit Build target builds, then prints the property (dotnet build -getProperty only evaluates).
        foreach (var a in new[] { "msbuild", project, "-restore", "-t:Build", "-p:Configuration=Release", "-nologo", "-v:q", "-getProperty:TargetPath" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new RetortException($"Cannot start 'dotnet build' for {project}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result.Trim();
        if (process.ExitCode != 0)
        {
            var errors = (output + "\n" + stderr.Result).Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(10);
            throw new RetortException($"Building referenced project {project} failed (dotnet msbuild exit {process.ExitCode}):\n" + string.Join("\n", errors));
        }
        var target = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        if (target is null || !File.Exists(target)) throw new RetortException($"Building referenced project {project} gave no assembly (TargetPath: '{output}').");
        CacheFile.WriteAtomically(stamp, Encoding.UTF8.GetBytes(sources + "\n" + target));
        return target;
    }

    /// <summary>Names, sizes and times of the project's files outside bin/ and obj/: what a rebuild depends on.</summary>
    private static string SourceState(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
            if (parts.SkipLast(1).Any(p => p is "bin" or "obj" or RevisionCompiler.CacheFolderName)) continue;
            var info = new FileInfo(file);
            text.Append(file).Append('\0').Append(info.Length).Append('\0').Append(info.LastWriteTimeUtc.Ticks).Append('\0');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
