using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Retort.Fleet;

/// <summary>
/// <c>--shard K/N</c>: machine K of N takes the targets whose hash falls to it. The hash is of the masked URL alone,
/// so a target stays on its machine when others are added or removed, every machine computes the same split without
/// talking to the others, and K = 1..N cover every target exactly once.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash > 0 && int.TryParse(text[..slash], out var k) && int.TryParse(text[(slash + 1)..], out var n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new RetortException($"Bad shard '{text}': expected K/N with 1 <= K <= N, e.g. 2/3 (machine 2 of 3).");
    }

    public bool Contains(FleetTarget target) => Of(target, Count) == Index;

    public IReadOnlyList<FleetTarget> Select(IReadOnlyList<FleetTarget> targets) => targets.Where(Contains).ToList();

    /// <summary>The shard (1-based) of <paramref name="target"/> among <paramref name="count"/>.</summary>
    public static int Of(FleetTarget target, int count)
    {
        // SHA-256 rather than string.GetHashCode, which differs between processes.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(target.Display));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    public override string ToString() => $"{Index}/{Count}";
}
