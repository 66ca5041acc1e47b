using System.Reflection;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// The runnable side of the revisions: a Migration instance per revision id and the env class, from the compiled
/// revision files or from an application's own assembly.
/// </summary>
public sealed class RevisionSource
{
    private readonly IReadOnlyList<Assembly> _assemblies;
    private Dictionary<string, Type>? _types;

    private RevisionSource(IReadOnlyList<Assembly> assemblies, MigrationEnvironment? environment, IReadOnlySet<string>? pureIds)
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

    /// <summary>Compiles (or loads from the cache) the script directory's revision and env files.</summary>
    public static RevisionSource Compile(ScriptDirectory scripts)
    {
        var config = scripts.Config;
        if (config.RevisionAssembly is { } app) return FromAssemblies([app]);
        var files = ScriptDirectory.RevisionFiles(config.ResolvedVersionLocations);
        var (assemblies, pure) = RevisionCompiler.Compile(files, scripts.EnvFiles, Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName), scripts.ContentHashes);
        return FromAssemblies(assemblies, pure);
    }

    /// <summary>Only the env file: for commands that touch the database but run no revision code.</summary>
    public static RevisionSource CompileEnvironmentOnly(ScriptDirectory scripts) =>
        FromAssemblies(RevisionCompiler.CompileAll([], scripts.EnvFiles, Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName)));

    public static RevisionSource FromAssemblies(IEnumerable<Assembly> assemblies) => FromAssemblies(assemblies.ToList(), null);

    private static RevisionSource FromAssemblies(IReadOnlyList<Assembly> assemblies, IReadOnlySet<string>? pureIds)
    {
        // Only the env class now; the revision types are indexed on the first Create (an offline run whose
        // revisions all come from the statement cache never loads 5000 types and their attributes).
        MigrationEnvironment? env = null;
        foreach (var assembly in assemblies)
        {
            // Compiled from files, the env class is in the env group's assembly; the revision buckets need no look.
            if (pureIds is not null && assembly.GetName().Name?.StartsWith("Retort.Revisions.env.", StringComparison.Ordinal) != true) continue;
            var envType = assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract && typeof(MigrationEnvironment).IsAssignableFrom(t));
            if (envType is not null) env = (MigrationEnvironment)Activator.CreateInstance(envType)!;
        }
        return new RevisionSource(assemblies, env, pureIds);
    }

    private Dictionary<string, Type> Types()
    {
        if (_types is not null) return _types;
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in _assemblies.SelectMany(a => a.GetTypes()))
            if (!type.IsAbstract && typeof(Migration).IsAssignableFrom(type) && type.GetCustomAttribute<RevisionAttribute>() is { } attr)
                types[attr.Id] = type;
        return _types = types;
    }

    public Migration Create(Revision revision) =>
        Types().TryGetValue(revision.Id, out var type)
            ? (Migration)Activator.CreateInstance(type)!
            : throw new RetortException($"Revision {revision.Id} ({revision.Path}) has no compiled Migration class: it must derive from Migration and carry [Revision(\"{revision.Id}\")].");
}
