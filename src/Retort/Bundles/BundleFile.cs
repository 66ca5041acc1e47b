using System.Text;

namespace Retort.Bundles;

/// <summary>
/// A bundle on disk: the published host executable with the payload appended and a trailer (the payload's length
/// and a marker) at the very end. The single-file host finds its own files through an offset written into it at
/// publish time, so bytes after them are never read by .NET; appending, rather than embedding the revisions as a
/// resource, is what lets one published host (cached per Retort build and platform) serve every bundle.
/// </summary>
public static class BundleFile
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("retort-bundle-v1");
    private const int TrailerLength = sizeof(long) + 16;

    /// <summary>Writes <paramref name="host"/> with <paramref name="payload"/> to <paramref name="output"/>, executable, replacing it whole.</summary>
    public static async Task WriteAsync(string host, BundlePayload payload, string output, CancellationToken ct)
    {
        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Environment.ProcessId + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                await using (var source = File.OpenRead(host)) await source.CopyToAsync(stream, ct);
                var start = stream.Position;
                payload.WriteTo(stream);
                var length = stream.Position - start;
                stream.Write(BitConverter.GetBytes(length));
                stream.Write(Marker);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The payload appended to <paramref name="executable"/>; null when it carries none (the bare host).</summary>
    public static BundlePayload? Read(string executable)
    {
        using var stream = File.OpenRead(executable);
        if (stream.Length < TrailerLength) return null;
        stream.Seek(-TrailerLength, SeekOrigin.End);
        var trailer = new byte[TrailerLength];
        stream.ReadExactly(trailer);
        if (!trailer.AsSpan(sizeof(long)).SequenceEqual(Marker)) return null;
        var length = BitConverter.ToInt64(trailer, 0);
        if (length <= 0 || length > stream.Length - TrailerLength) return null;
        stream.Seek(-TrailerLength - length, SeekOrigin.End);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return BundlePayload.ReadFrom(new MemoryStream(bytes, writable: false));
    }
}
