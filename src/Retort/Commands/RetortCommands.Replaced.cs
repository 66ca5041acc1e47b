using Retort.Graph;
using Retort.Runtime;

namespace Retort.Commands;

public sealed partial class RetortCommands
{
    /// <summary>
    /// A database stamped at a revision a squash replaced: at the last one, its version row is relabelled to the
    /// squash (they are the same schema); part way, the graph keeps the replaced revisions (see
    /// <see cref="Replacements"/>). Runs under the caller's lock.
    /// </summary>
    private async Task<(RevisionMap Map, List<string> Current)> ResolveReplacedAsync(DatabaseSession session, RevisionMap map, List<string> current, CancellationToken ct)
    {
        if (current.All(id => map.Find(id) is not null)) return (map, current);
        var resolution = Replacements.Resolve(Scripts.AllRevisions, current);
        if (!resolution.Changed) return (map, current);
        foreach (var note in resolution.Notes) Log.Info($"The database is at {note}.");
        foreach (var (from, to) in resolution.Rewrites)
            await session.Target.ExecuteAsync(session.Dialect.UpdateVersion(Config.VersionTable, Config.VersionTableSchema, from, to), ct);
        return (new RevisionMap(resolution.Revisions), resolution.Current.ToList());
    }

    private static string SquashNote(string id, Revision squash) => squash.Replaces[^1] == id
        ? $"{id} (replaced by squash {squash.Id}: the same schema; the next upgrade records it as {squash.Id})"
        : $"{id} (replaced by squash {squash.Id}: the next upgrade runs the replaced revisions up to {squash.Replaces[^1]}, then goes on from there)";
}
