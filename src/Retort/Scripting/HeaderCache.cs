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

    /// <summary>A revision file as listed: one stat per file, taken from the directory enumeration. A class, not a
    /// struct: the enumerator, list and sort over a struct are generic code the ReadyToRun image cannot hold, and
    /// were JIT-compiled on every run.</summary>
    private sealed record Listed(string FullPath, string Path, long Length, long Ticks);

    public static IReadOnlyList<Entry> Load(string scriptDirectory, IReadOnlyList<string> versionLocations, bool recursive = false)
    {
        var files = List(versionLocations, recursive);
        var cacheFile = Path.Combine(scriptDirectory, RevisionCompiler.CacheFolderName, "headers.bin");
        var cached = ReadCache(cacheFile);
        var entries = new Entry[files.Count];
        var misses = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            if (cached.TryGetValue(f.FullPath, out var e) && e.Length == f.Length && e.Ticks == f.Ticks)
                entries[i] = e with { Revision = e.Revision with { Path = f.Path } };
            else misses.Add(i);
        }
        // Parsing is the slow part of a cold cache; a warm one has no misses and starts no worker threads.
        if (misses.Count == 1) Parse(files, entries, misses[0]);
        else if (misses.Count > 1)
        {
            try
            {
                Parallel.ForEach(misses, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(4, Environment.ProcessorCount) },
                    i => Parse(files, entries, i));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<RetortException>().FirstOrDefault() is { } first)
            {
                throw first;
            }
        }
        if (misses.Count > 0 || cached.Count != entries.Length) WriteCache(cacheFile, entries);
        return entries;
    }

    private static void Parse(IReadOnlyList<Listed> files, Entry[] entries, int i)
    {
        var f = files[i];
        var text = File.ReadAllText(f.FullPath);
        var revision = RevisionHeaderReader.Read(text, f.Path)
                       ?? throw new RetortException($"{f.Path} has no [Revision(\"…\")] attribute: every .cs file in a versions folder must be a revision.");
        entries[i] = new Entry(f.FullPath, f.Length, f.Ticks, revision with { Checksum = RevisionChecksum.Of(text) }, ContentHash(text));
    }

    /// <summary>*.cs, compared as the platform compares file names (as Directory.GetFiles(dir, "*.cs") did).</summary>
    internal static bool IsRevisionFileName(ReadOnlySpan<char> name) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression("*.cs", name, ignoreCase: OperatingSystem.IsWindows());

    /// <summary>
    /// The *.cs files of each location, sorted by full path, with size and modification time from the enumeration
    /// (no FileInfo per file) and the display path built from the location's relative path (one GetRelativePath per
    /// location, not per file: 5000 of each were a third of <c>heads</c>).
    /// </summary>
    private static List<Listed> List(IReadOnlyList<string> versionLocations, bool recursive)
    {
        var files = new List<Listed>();
        var cwd = Directory.GetCurrentDirectory();
        foreach (var location in versionLocations)
        {
            if (!Directory.Exists(location)) throw new RetortException($"Version location {location} does not exist.");
            var full = Path.GetFullPath(location);
            var relative = Path.GetRelativePath(cwd, full);
            var prefix = relative.StartsWith("..", StringComparison.Ordinal) ? full : relative == "." ? "" : relative;
            AddFolder(files, full, prefix, recursive);
        }
        return files;
    }

    /// <summary>
    /// A folder's files in name order, then (recursive_version_locations) each subfolder in name order, depth first:
    /// the order Alembic's walk of a recursive version location loads them in, which breaks ties between branches.
    /// </summary>
    private static void AddFolder(List<Listed> files, string full, string prefix, bool recursive)
    {
        var here = new System.IO.Enumeration.FileSystemEnumerable<Listed>(full,
            (ref System.IO.Enumeration.FileSystemEntry entry) =>
            {
                var name = entry.FileName.ToString();
                return new Listed(entry.ToFullPath(), prefix.Length == 0 ? name : Path.Join(prefix, name),
                    entry.Length, entry.LastWriteTimeUtc.UtcTicks);
            },
            new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) =>
                !entry.IsDirectory && IsRevisionFileName(entry.FileName),
        }.ToList();
        here.Sort((a, b) => string.CompareOrdinal(a.FullPath, b.FullPath));
        files.AddRange(here);
        if (!recursive) return;
        var folders = Directory.GetDirectories(full);
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            AddFolder(files, folder, prefix.Length == 0 ? name : Path.Join(prefix, name), recursive);
        }
    }

    public static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];

    private static Dictionary<string, Entry> ReadCache(string file) =>
        CacheFile.Read(file, Version, reader =>
        {
            var count = reader.ReadInt32();
            var map = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var fullPath = reader.ReadString();
                var length = reader.ReadInt64();
                var ticks = reader.ReadInt64();
                var id = reader.ReadString();
                var downs = CacheFile.ReadList(reader);
                var labels = CacheFile.ReadList(reader);
                var deps = CacheFile.ReadList(reader);
                var message = reader.ReadString();
                var createDate = reader.ReadBoolean() ? reader.ReadString() : null;
                var checksum = reader.ReadString();
                var content = reader.ReadString();
                var replaces = CacheFile.ReadList(reader);
                map[fullPath] = new Entry(fullPath, length, ticks,
                    new Revision(id, downs, labels, deps, message) { CreateDate = createDate, Checksum = checksum, Replaces = replaces }, content);
            }
            return map;
        }) ?? new Dictionary<string, Entry>(StringComparer.Ordinal); // none, torn or foreign: parse everything again

    /// <summary>A read-only checkout still works; it just parses headers every time.</summary>
    private static void WriteCache(string file, IReadOnlyList<Entry> entries) =>
        CacheFile.Write(file, Version, writer =>
        {
            writer.Write(entries.Count);
            foreach (var e in entries)
            {
                writer.Write(e.FullPath);
                writer.Write(e.Length);
                writer.Write(e.Ticks);
                var r = e.Revision;
                writer.Write(r.Id);
                CacheFile.WriteList(writer, r.DownRevisions);
                CacheFile.WriteList(writer, r.BranchLabels);
                CacheFile.WriteList(writer, r.DependsOn);
                writer.Write(r.Message);
                writer.Write(r.CreateDate is not null);
                if (r.CreateDate is not null) writer.Write(r.CreateDate);
                writer.Write(r.Checksum ?? "");
                writer.Write(e.ContentHash);
                CacheFile.WriteList(writer, r.Replaces);
            }
        });
}
