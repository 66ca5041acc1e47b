using System.Runtime.InteropServices;
using Retort.Configuration;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Bundles;

/// <summary>
/// <c>retort bundle -o migrate</c>: compiles the project's revisions and env file (through the compile cache, so
/// they are the very assemblies the tool runs), and writes them with retort.toml and the revision headers onto a copy
/// of the published bundle host: one executable that needs neither the SDK nor the project.
/// </summary>
public sealed class BundleBuilder(RetortConfig config, IMigrationLog log)
{
    /// <summary>This machine's platform, which the bundle is built for unless told otherwise.</summary>
    public static string CurrentRuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    public async Task<BundleSummary> BuildAsync(string output, string rid, BundleHost host, CancellationToken ct = default)
    {
        if (config.ConfigFile is not { } configFile || !File.Exists(configFile))
            throw new RetortException("A bundle carries the project's retort.toml: run 'retort bundle' in a project folder (or pass -c/--config).");
        if (config.References.Count > 0)
            throw new RetortException("A bundle cannot carry the assemblies named in references (retort.toml) yet: move the model into the migration environment (e.g. migrations/model/), or run the tool itself.");
        var payload = Compile(File.ReadAllText(configFile));
        var executable = await host.GetAsync(rid, log, ct);
        await BundleFile.WriteAsync(executable, payload, output, ct);
        return new BundleSummary(Path.GetFullPath(output), rid, payload.Revisions.Count, new FileInfo(output).Length);
    }

    private BundlePayload Compile(string configText)
    {
        var scripts = ScriptDirectory.Load(config);
        var cache = Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName);
        var files = scripts.Files ?? [];
        // Whole buckets (no patches): a bundle carries one assembly per bucket, as a fresh compile makes them.
        var groups = RevisionCompiler.Prepare(files, scripts.EnvFiles, cache, allowPatches: false);
        var assemblies = groups.Select(g => new BundledAssembly(g.Name, g.Image)).ToList();
        // Paths as the project names them, not this machine's: the bundle runs elsewhere.
        var revisions = scripts.AllRevisions
            .Select(r => r with { Path = r.Path is null ? null : Path.GetRelativePath(config.BaseDirectory, Path.GetFullPath(r.Path)).Replace('\\', '/') })
            .ToList();
        return new BundlePayload(configText, revisions, assemblies);
    }
}

/// <summary>What <see cref="BundleBuilder.BuildAsync"/> wrote.</summary>
public sealed record BundleSummary(string Path, string RuntimeIdentifier, int Revisions, long Bytes);
