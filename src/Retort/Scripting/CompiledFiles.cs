namespace Retort.Scripting;

/// <summary>
/// Kept beside a cached revision assembly (<c>.files</c>): which files it was compiled from (name, content hash and
/// the revision ids each declares), against what (<see cref="Context"/>: Retort's build, the env assembly, the linked
/// assemblies), and, for a patch, the full assembly it patches (<see cref="Base"/>). A patch holds only the files of
/// its bucket that changed since the base was compiled; the base still serves the ids of the unchanged ones. That is
/// what lets editing or adding one revision compile one file instead of its whole bucket.
/// </summary>
internal sealed record CompiledFiles(string Context, string? Base, IReadOnlyList<CompiledFiles.Entry> Files)
{
    private const int Version = 1;

    public sealed record Entry(string Name, string ContentHash, IReadOnlyList<string> Ids);

    private static string PathFor(string dll) => Path.ChangeExtension(dll, ".files");

    /// <summary>The record of <paramref name="dll"/>; null when it has none (an older cache) or it is unreadable.</summary>
    public static CompiledFiles? Read(string dll) =>
        CacheFile.Read(PathFor(dll), Version, reader =>
        {
            var context = reader.ReadString();
            var hasBase = reader.ReadBoolean();
            var baseName = hasBase ? reader.ReadString() : null;
            var entries = new Entry[reader.ReadInt32()];
            for (var i = 0; i < entries.Length; i++)
                entries[i] = new Entry(reader.ReadString(), reader.ReadString(), CacheFile.ReadList(reader));
            return new CompiledFiles(context, baseName, entries);
        });

    public void Write(string dll) =>
        CacheFile.Write(PathFor(dll), Version, writer =>
        {
            writer.Write(Context);
            writer.Write(Base is not null);
            if (Base is not null) writer.Write(Base);
            writer.Write(Files.Count);
            foreach (var e in Files)
            {
                writer.Write(e.Name);
                writer.Write(e.ContentHash);
                CacheFile.WriteList(writer, e.Ids);
            }
        });

    /// <summary>The ids of this record's files that are still in the bucket unchanged (same name, same content).</summary>
    public HashSet<string> Unchanged(IReadOnlyDictionary<string, string> hashByName, out int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        count = 0;
        foreach (var e in Files)
            if (hashByName.TryGetValue(e.Name, out var hash) && hash == e.ContentHash)
            {
                count++;
                ids.UnionWith(e.Ids);
            }
        return ids;
    }
}
