using System.Security.Cryptography;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// Parsed revision headers kept between runs, keyed by file size and modification time, so that graph commands
/// on thousands of revisions read one file instead of thousands. Each entry also keeps the file's content hash
/// (for the compile cache) and its normalized checksum (for the applied-history table).
/// </summary>
internal static class HeaderCache
{
    private const int Version = 2;

    internal sealed record Entry(string FullPath, long Length, long Ticks, Revision Revision, string ContentHash);

    public static IReadOnlyList<Entry> Load(string scriptDirectory, IReadOnlyList<string> versionLocations)
    {
        var files = new List<FileInfo>();
        foreach (var location in versionLocations)
        {
            if (!Directory.Exists(location)) throw new RetortException($"Version location {location} does not exist.");
            var here = new DirectoryInfo(location).GetFiles("*.cs");
            Array.Sort(here, (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
            files.AddRange(here);
        }
        var cacheFile = Path.Combine(scriptDirectory, RevisionCompiler.CacheFolderName, "headers.bin");
        var cached = ReadCache(cacheFile);
        var entries = new Entry[files.Count];
        var misses = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            if (cached.TryGetValue(f.FullName, out var e) && e.Length == f.Length && e.Ticks == f.LastWriteTimeUtc.Ticks)
                entries[i] = e with { Revision = e.Revision with { Path = ScriptDirectory.RelativePath(f.FullName) } };
            else misses.Add(i);
        }
        try
        {
            Parallel.ForEach(misses, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(4, Environment.ProcessorCount) }, i =>
            {
                var f = files[i];
                var text = File.ReadAllText(f.FullName);
                var path = ScriptDirectory.RelativePath(f.FullName);
                var revision = RevisionHeaderReader.Read(text, path)
                               ?? throw new RetortException($"{path} has no [Revision(\"…\")] attribute: every .cs file in a versions folder must be a revision.");
                entries[i] = new Entry(f.FullName, f.Length, f.LastWriteTimeUtc.Ticks,
                    revision with { Checksum = RevisionChecksum.Of(text) }, ContentHash(text));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<RetortException>().FirstOrDefault() is { } first)
        {
            throw first;
        }
        if (misses.Count > 0 || cached.Count != entries.Length) WriteCache(cacheFile, entries);
        return entries;
    }

    public static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];

    private static Dictionary<string, Entry> ReadCache(string file)
    {
        var map = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!File.Exists(file)) return map;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(file));
            if (reader.ReadInt32() != Version) return map;
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var fullPath = reader.ReadString();
                var length = reader.ReadInt64();
                var ticks = reader.ReadInt64();
                var id = reader.ReadString();
                var downs = ReadList(reader);
                var labels = ReadList(reader);
                var deps = ReadList(reader);
                var message = reader.ReadString();
                var createDate = reader.ReadBoolean() ? reader.ReadString() : null;
                var checksum = reader.ReadString();
                var content = reader.ReadString();
                var replaces = ReadList(reader);
                map[fullPath] = new Entry(fullPath, length, ticks,
                    new Revision(id, downs, labels, deps, message) { CreateDate = createDate, Checksum = checksum, Replaces = replaces }, content);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or UnauthorizedAccessException)
        {
            map.Clear(); // a torn or foreign file: parse everything again
        }
        return map;
    }

    private static string[] ReadList(BinaryReader reader)
    {
        var items = new string[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++) items[i] = reader.ReadString();
        return items;
    }

    private static void WriteCache(string file, IReadOnlyList<Entry> entries)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temp = file + "." + Environment.ProcessId + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temp)))
            {
                writer.Write(Version);
                writer.Write(entries.Count);
                foreach (var e in entries)
                {
                    writer.Write(e.FullPath);
                    writer.Write(e.Length);
                    writer.Write(e.Ticks);
                    var r = e.Revision;
                    writer.Write(r.Id);
                    WriteList(writer, r.DownRevisions);
                    WriteList(writer, r.BranchLabels);
                    WriteList(writer, r.DependsOn);
                    writer.Write(r.Message);
                    writer.Write(r.CreateDate is not null);
                    if (r.CreateDate is not null) writer.Write(r.CreateDate);
                    writer.Write(r.Checksum ?? "");
                    writer.Write(e.ContentHash);
                    WriteList(writer, r.Replaces);
                }
            }
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only checkout still works; it just parses headers every time.
        }
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (var item in items) writer.Write(item);
    }
}
