using System.Security.Cryptography;
using System.Text;

namespace Retort.Scripting;

/// <summary>The checksum of a revision file kept in the applied-history table, to report edits of applied revisions.</summary>
public static class RevisionChecksum
{
    /// <summary>SHA-256 of the source with line endings and trailing spaces normalized.</summary>
    public static string Of(string source)
    {
        var lines = source.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        var normalized = string.Join("\n", lines).TrimEnd('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
