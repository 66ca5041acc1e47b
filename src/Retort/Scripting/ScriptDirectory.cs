using System.Reflection;
using Retort.Configuration;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// The migration environment on disk: env file, revision template and the revision files, read as headers into
/// the revision graph. Or, for an application, the revisions compiled into an assembly.
/// </summary>
public sealed class ScriptDirectory
{
    public const string EnvFileName = "env.cs";
    public const string TemplateFileName = "script.cs.liquid";

    private ScriptDirectory(RetortConfig config, IReadOnlyList<Revision> revisions)
    {
        Config = config;
        AllRevisions = revisions;
        // Revisions a squash replaces stay on disk for databases part way through them, but out of the graph.
        Map = new RevisionMap(Replacements.ForNewDatabases(revisions));
    }

    /// <summary>Every revision read, including those a squash replaces (see <see cref="Replacements"/>).</summary>
    public IReadOnlyList<Revision> AllRevisions { get; }

    /// <summary>The revision files in load order, each with its content hash (for the compile cache); null for an application's assembly.</summary>
    internal IReadOnlyList<RevisionCompiler.RevisionFile>? Files { get; private init; }

    /// <summary>Revision id → content hash of its file (null for an application's compiled revisions).</summary>
    internal IReadOnlyDictionary<string, string>? ContentHashById { get; private init; }

    public RetortConfig Config { get; }

    public RevisionMap Map { get; }

    public string Directory => Config.ScriptDirectory;

    public string EnvFile => Path.Combine(Directory, EnvFileName);

    public string TemplateFile => Path.Combine(Directory, TemplateFileName);

    /// <summary>
    /// The env file and every other <c>.cs</c> file under the script location outside the version locations
    /// (<c>model/</c>, helper folders): compiled together once into the assembly that revisions reference.
    /// </summary>
    public IReadOnlyList<string> EnvFiles
    {
        get
        {
            if (!System.IO.Directory.Exists(Directory)) return [EnvFile];
            var versions = Config.ResolvedVersionLocations.Select(v => Path.GetFullPath(v).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToList();
            versions.Add(Path.Combine(Path.GetFullPath(Directory), RevisionCompiler.CacheFolderName) + Path.DirectorySeparatorChar);
            var env = Path.GetFullPath(EnvFile);
            var files = System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
                .Select(Path.GetFullPath)
                .Where(f => f != env && !versions.Any(v => f.StartsWith(v, StringComparison.Ordinal)) && !InBuildOutput(f))
                .ToArray();
            Array.Sort(files, StringComparer.Ordinal);
            return [EnvFile, .. files];
        }
    }

    /// <summary>bin/ and obj/ hold a build's generated sources (a script location inside a project folder).</summary>
    private bool InBuildOutput(string file)
    {
        var relative = Path.GetRelativePath(Directory, file).Split(Path.DirectorySeparatorChar);
        return relative.SkipLast(1).Any(part => part is "bin" or "obj");
    }

    /// <summary>Reads every revision header (files) or attribute (assembly) and builds the graph.</summary>
    public static ScriptDirectory Load(RetortConfig config)
    {
        if (config.RevisionAssembly is { } assembly)
            return new ScriptDirectory(config, FromAssembly(assembly));
        if (!System.IO.Directory.Exists(config.ScriptDirectory))
            throw new RetortException($"No migration environment at {config.ScriptDirectory}: run 'retort init {config.ScriptLocation}' first, or fix script_location.");
        var entries = HeaderCache.Load(config.ScriptDirectory, config.ResolvedVersionLocations, config.RecursiveVersionLocations);
        var revisions = new Revision[entries.Count];
        var files = new RevisionCompiler.RevisionFile[entries.Count];
        var hashById = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            revisions[i] = e.Revision;
            files[i] = new RevisionCompiler.RevisionFile(e.FullPath, e.ContentHash);
            hashById.TryAdd(e.Revision.Id, e.ContentHash); // duplicate ids fail when the graph is built, before anything reads this
        }
        return new ScriptDirectory(config, revisions) { Files = files, ContentHashById = hashById };
    }

    /// <summary>The graph of revisions compiled ahead of time (<see cref="PrecompiledRevisions"/>), in their load order.</summary>
    public static ScriptDirectory FromRevisions(RetortConfig config, IReadOnlyList<Revision> revisions) => new(config, revisions);

    /// <summary>The revision files, sorted by name so that load order (and so upgrade order ties) is stable.</summary>
    public static IReadOnlyList<string> RevisionFiles(IReadOnlyList<string> versionLocations, bool recursive = false)
    {
        var files = new List<string>();
        foreach (var location in versionLocations)
        {
            if (!System.IO.Directory.Exists(location))
                throw new RetortException($"Version location {location} does not exist.");
            AddFolder(files, location, recursive);
        }
        return files;
    }

    /// <summary>Files in name order, then subfolders in name order (recursive), as <see cref="HeaderCache"/> lists them.</summary>
    private static void AddFolder(List<string> files, string folder, bool recursive)
    {
        var here = System.IO.Directory.GetFiles(folder).Where(f => HeaderCache.IsRevisionFileName(Path.GetFileName(f))).ToArray();
        Array.Sort(here, StringComparer.Ordinal);
        files.AddRange(here);
        if (!recursive) return;
        var folders = System.IO.Directory.GetDirectories(folder);
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (var sub in folders) AddFolder(files, sub, recursive);
    }

    public static IReadOnlyList<Revision> FromAssembly(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Attr: t.GetCustomAttribute<RevisionAttribute>()))
            .Where(x => x.Attr is not null && typeof(Migration).IsAssignableFrom(x.Type))
            .OrderBy(x => x.Attr!.Id, StringComparer.Ordinal)
            .Select(x => ToRevision(x.Attr!, x.Type.FullName) with { Replaces = x.Attr!.Replaces ?? [] })
            .ToList();

    internal static Revision ToRevision(RevisionAttribute a, string? origin) =>
        new(a.Id, a.DownRevisions ?? (a.DownRevision is null ? [] : [a.DownRevision]), a.BranchLabels ?? [], a.DependsOn ?? [], a.Message ?? "")
        {
            Path = origin,
        };

    /// <summary>Paths in messages are relative to the working directory when below it, as compilers print them.</summary>
    public static string RelativePath(string path)
    {
        var relative = Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
