using Retort.Configuration;

namespace Retort.Fleet;

/// <summary>One database of a fleet: its URL (with any password) and how it is shown everywhere (password masked).</summary>
public sealed record FleetTarget(string Url)
{
    /// <summary>The URL as reports, progress lines and shard hashing see it: the password is never part of it.</summary>
    public string Display { get; } = DatabaseUrl.Mask(Url);

    public override string ToString() => Display;
}
