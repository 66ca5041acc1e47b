using System.Reflection;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// The runnable side of the revisions: a Migration instance per revision id and the env class, from the compiled
/// revision files or from an application's own assembly.
/// </summary>
public sealed class RevisionSource
{
    // Each assembly with the revision ids it serves (null: every one it declares; a patched bucket's whole assembly
    // serves only its unchanged files).
    private readonly Func<IReadOnlyList<(Assembly Assembly, IReadOnlySet<string>? Ids)>> _assemblies;
    private Dictionary<string, Type>? _types;

    private RevisionSource(Func<IReadOnlyList<(Assembly Assembly, IReadOnlySet<string>? Ids)>> assemblies, MigrationEnvironment? environment, IReadOnlySet<string>? pureIds)
    {
        _assemblies = assemblies;
        Environment = environment;
        PureIds = pureIds ?? new HashSet<string>();
    }

    public MigrationEnvironment? Environment { get; }

    /// <summary>What the env file set when it last ran (target model, filters).</summary>
    public EnvironmentContext? LastContext { get; set; }

    /// <summary>Revisions that provably only emit operations (<see cref="RevisionPurity"/>).</summary>
    internal IReadOnlySet<string> PureIds { get; }

    /// <summary>
    /// Compiles what is not in the cache and runs nothing else: the env class is created now, but the revision
    /// assemblies load on the first <see cref="Create"/> (an offline run whose revisions all come from the statement
    /// cache loads none of them).
    /// </summary>
    public static RevisionSource Compile(ScriptDirectory scripts)
    {
        var config = scripts.Config;
        if (config.RevisionAssembly is { } app) return FromAssemblies([app]);
        var files = scripts.Files ?? ScriptDirectory.RevisionFiles(config.ResolvedVersionLocations, config.RecursiveVersionLocations).Select(f => new RevisionCompiler.RevisionFile(f, null)).ToList();
        var cache = Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName);
        var groups = RevisionCompiler.Prepare(files, scripts.EnvFiles, cache, ProjectReferences.Resolve(config.References, cache));
        var pure = new HashSet<string>(StringComparer.Ordinal);
        MigrationEnvironment? env = null;
        foreach (var group in groups)
        {
            if (group.Name == RevisionCompiler.EnvGroupName) env = FindEnvironment(group.Assembly);
            pure.UnionWith(group.PureIds);
        }
        IReadOnlyList<(Assembly, IReadOnlySet<string>?)>? loaded = null;
        return new RevisionSource(() => loaded ??= groups.SelectMany(g => g.Parts).ToList(), env, pure);
    }

    /// <summary>Only the env file: for commands that touch the database but run no revision code.</summary>
    public static RevisionSource CompileEnvironmentOnly(ScriptDirectory scripts)
    {
        var cache = Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName);
        var groups = RevisionCompiler.Prepare([], scripts.EnvFiles, cache, ProjectReferences.Resolve(scripts.Config.References, cache));
        return FromAssemblies(groups.Select(g => g.Assembly));
    }

    public static RevisionSource FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var list = assemblies.ToList();
        MigrationEnvironment? env = null;
        foreach (var assembly in list) env = FindEnvironment(assembly) ?? env;
        var parts = list.Select(a => (a, (IReadOnlySet<string>?)null)).ToList();
        return new RevisionSource(() => parts, env, null);
    }

    private static MigrationEnvironment? FindEnvironment(Assembly assembly)
    {
        var envType = assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract && typeof(MigrationEnvironment).IsAssignableFrom(t));
        return envType is null ? null : (MigrationEnvironment)Activator.CreateInstance(envType)!;
    }

    private Dictionary<string, Type> Types()
    {
        if (_types is not null) return _types;
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var (assembly, ids) in _assemblies())
            foreach (var type in assembly.GetTypes())
                if (!type.IsAbstract && typeof(Migration).IsAssignableFrom(type) && type.GetCustomAttribute<RevisionAttribute>() is { } attr
                    && (ids is null || ids.Contains(attr.Id)))
                    types[attr.Id] = type;
        return _types = types;
    }

    public Migration Create(Revision revision) =>
        Types().TryGetValue(revision.Id, out var type)
            ? (Migration)Activator.CreateInstance(type)!
            : throw new RetortException($"Revision {revision.Id} ({revision.Path}) has no compiled Migration class: it must derive from Migration and carry [Revision(\"{revision.Id}\")].");
}
