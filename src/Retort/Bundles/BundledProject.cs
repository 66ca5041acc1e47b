using System.Reflection;
using System.Runtime.Loader;
using Retort.Configuration;
using Retort.Scripting;

namespace Retort.Bundles;

/// <summary>
/// The project inside a running bundle: its configuration (retort.toml as it was bundled, read now, so that
/// <c>${VAR}</c> takes this environment's values and relative paths resolve against the working folder) and its
/// precompiled revisions, loaded from memory. Nothing is compiled and no project file is read.
/// </summary>
public sealed class BundledProject
{
    private readonly BundlePayload _payload;

    public BundledProject(BundlePayload payload)
    {
        _payload = payload;
        Revisions = new PrecompiledRevisions(payload.Revisions, Load(payload.Assemblies));
    }

    public PrecompiledRevisions Revisions { get; }

    /// <summary>A fresh configuration for one command: <paramref name="url"/> (from <c>--url</c>) replaces the bundled url.</summary>
    public RetortConfig LoadConfig(string? url, string? section = null) =>
        ConfigLoader.LoadText(_payload.ConfigText, Path.Combine(Directory.GetCurrentDirectory(), ConfigLoader.DefaultFileName), url, section);

    /// <summary>
    /// One load context for all of them: the revision buckets reference the env assembly by its name, which the
    /// context resolves to the copy it loaded; Retort itself comes from the default context, as with the tool.
    /// </summary>
    private static IReadOnlyList<Assembly> Load(IReadOnlyList<BundledAssembly> images)
    {
        var context = new AssemblyLoadContext("retort:bundle");
        var loaded = new List<Assembly>(images.Count);
        context.Resolving += (_, name) => loaded.FirstOrDefault(a => a.GetName().Name == name.Name);
        foreach (var image in images) loaded.Add(context.LoadFromStream(new MemoryStream(image.Image, writable: false)));
        return loaded;
    }
}
