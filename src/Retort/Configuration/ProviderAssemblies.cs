using System.Reflection;
using System.Runtime.Loader;
using Retort.Dialects;

namespace Retort.Configuration;

/// <summary>
/// Loads database providers from assemblies named by <c>providers = ["path/My.Provider.dll"]</c> in retort.toml. Each
/// assembly gets its own load context that resolves its dependencies (and native libraries) from its folder's
/// .deps.json, while Retort itself and anything the host already has come from the host, so the provider's types
/// are the host's types.
/// </summary>
public static class ProviderAssemblies
{
    private static readonly Dictionary<string, IReadOnlyList<DatabaseProvider>> Loaded = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, Assembly> Assemblies = new(StringComparer.Ordinal);

    /// <summary>Loads the assembly at <paramref name="path"/> (once per path) and registers its providers.</summary>
    public static IReadOnlyList<DatabaseProvider> Load(string path)
    {
        var full = Path.GetFullPath(path);
        lock (Loaded)
        {
            if (Loaded.TryGetValue(full, out var done)) return done;
            return Loaded[full] = DatabaseProviders.RegisterFrom(LoadAssembly(full));
        }
    }

    /// <summary>Loads a plugin assembly with its dependencies (once per path) without registering anything.</summary>
    public static Assembly LoadAssembly(string path)
    {
        var full = Path.GetFullPath(path);
        lock (Assemblies)
        {
            if (Assemblies.TryGetValue(full, out var loaded)) return loaded;
            if (!File.Exists(full)) throw new RetortException($"Provider assembly {path} does not exist (providers in retort.toml).");
            try
            {
                return Assemblies[full] = new ProviderLoadContext(full).LoadFromAssemblyPath(full);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException)
            {
                throw new RetortException($"Cannot load provider assembly {path}: {e.Message}");
            }
        }
    }

    private sealed class ProviderLoadContext(string path) : AssemblyLoadContext("retort-provider:" + path)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            // Shared with the host when the host has it: Retort's own types must be the same types.
            try { return Default.LoadFromAssemblyName(name); }
            catch (FileNotFoundException) { }
            return _resolver.ResolveAssemblyToPath(name) is { } file ? LoadFromAssemblyPath(file) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } file ? LoadUnmanagedDllFromPath(file) : IntPtr.Zero;
    }
}
