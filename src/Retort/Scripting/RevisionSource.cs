using System.Reflection;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// The runnable side of the revisions: a Migration instance per revision id and the env class, from the compiled
/// revision files or from an application's own assembly.
/// </summary>
public sealed class RevisionSource
{
    private readonly Dictionary<string, Type> _types;

    private RevisionSource(Dictionary<string, Type> types, MigrationEnvironment? environment)
    {
        _types = types;
        Environment = environment;
    }

    public MigrationEnvironment? Environment { get; }

    /// <summary>What the env file set when it last ran (target model, filters).</summary>
    public EnvironmentContext? LastContext { get; set; }

    /// <summary>Compiles (or loads from the cache) the script directory's revision and env files.</summary>
    public static RevisionSource Compile(ScriptDirectory scripts)
    {
        var config = scripts.Config;
        if (config.RevisionAssembly is { } app) return FromAssemblies([app]);
        var files = ScriptDirectory.RevisionFiles(config.ResolvedVersionLocations);
        var assemblies = RevisionCompiler.CompileAll(files, scripts.EnvFiles, Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName), scripts.ContentHashes);
        return FromAssemblies(assemblies);
    }

    /// <summary>Only the env file: for commands that touch the database but run no revision code.</summary>
    public static RevisionSource CompileEnvironmentOnly(ScriptDirectory scripts) =>
        FromAssemblies(RevisionCompiler.CompileAll([], scripts.EnvFiles, Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName)));

    public static RevisionSource FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        MigrationEnvironment? env = null;
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract) continue;
            if (typeof(Migration).IsAssignableFrom(type) && type.GetCustomAttribute<RevisionAttribute>() is { } attr)
                types[attr.Id] = type;
            else if (typeof(MigrationEnvironment).IsAssignableFrom(type))
                env = (MigrationEnvironment)Activator.CreateInstance(type)!;
        }
        return new RevisionSource(types, env);
    }

    public Migration Create(Revision revision) =>
        _types.TryGetValue(revision.Id, out var type)
            ? (Migration)Activator.CreateInstance(type)!
            : throw new RetortException($"Revision {revision.Id} ({revision.Path}) has no compiled Migration class: it must derive from Migration and carry [Revision(\"{revision.Id}\")].");
}
