using System.Reflection;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// Revisions compiled ahead of time, as a migration bundle carries them: the graph's revisions in the load order
/// the files had (which breaks ties between unrelated branches, so it cannot be rebuilt from the assemblies), each
/// with the checksum of its file, and the assemblies holding the revision classes and the env class. Nothing is
/// read from disk or compiled.
/// </summary>
public sealed class PrecompiledRevisions(IReadOnlyList<Revision> revisions, IReadOnlyList<Assembly> assemblies)
{
    private RevisionSource? _source;

    public IReadOnlyList<Revision> Revisions { get; } = revisions;

    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;

    /// <summary>One source for every command of the process, as a compiled one is.</summary>
    public RevisionSource Source => _source ??= RevisionSource.FromAssemblies(Assemblies);
}
