namespace Retort.Scripting;

/// <summary>
/// A file in <c>.retort-cache</c>: the header cache, the offline SQL cache, the compiled revision assemblies. A
/// versioned file is a format number followed by what its owner writes. Reading loads the whole file in one call
/// and parses from memory; a missing, torn, older-format or unreadable file reads as null (the owner rebuilds it).
/// Writing goes to a temporary file moved into place, so a reader never sees half a file; a read-only or busy
/// folder is not an error, the cache is just not kept.
/// </summary>
internal static class CacheFile
{
    public static T? Read<T>(string path, int version, Func<BinaryReader, T> read) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(File.ReadAllBytes(path), writable: false));
            return reader.ReadInt32() == version ? read(reader) : null;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null; // EndOfStreamException (a torn file) is an IOException
        }
    }

    /// <summary>Writes <paramref name="version"/>, then <paramref name="write"/>'s content; false when it could not.</summary>
    public static bool Write(string path, int version, Action<BinaryWriter> write) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream);
            writer.Write(version);
            write(writer);
        });

    public static bool WriteAtomically(string path, byte[] bytes) => WriteAtomically(path, stream => stream.Write(bytes));

    private static bool WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = File.Create(temp)) write(stream);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
            return false;
        }
    }

    public static string[] ReadList(BinaryReader reader)
    {
        var items = new string[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++) items[i] = reader.ReadString();
        return items;
    }

    public static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (var item in items) writer.Write(item);
    }
}
