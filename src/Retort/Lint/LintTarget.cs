using System.Globalization;
using Retort.Dialects;

namespace Retort.Lint;

/// <summary>
/// The server a lint run judges against: the provider (postgresql, mysql, sqlite, mssql …) and the server version
/// (retort.toml <c>server_version</c> or <c>--server-version</c>). Without a version, the oldest a rule knows, so a
/// finding that an older server would cause is never missed. The provider's <see cref="DdlLockModel"/> says which
/// rules apply; on an online-ALTER provider a major version of 10 or more is MariaDB (MySQL's are 5, 8 and 9).
/// </summary>
public sealed record LintTarget(string Provider, DdlLockModel Locks, Version? ServerVersion)
{
    public LintTarget(DatabaseProvider provider, Version? serverVersion) : this(provider.Name, provider.Capabilities.DdlLocks, serverVersion) { }

    /// <summary>PostgreSQL's lock queue, NOT VALID and CONCURRENTLY.</summary>
    public bool IsPostgres => Locks == DdlLockModel.LockQueue;

    /// <summary>MariaDB and MySQL's online ALTER.</summary>
    public bool IsMySqlFamily => Locks == DdlLockModel.OnlineAlter;

    public bool IsMariaDb => IsMySqlFamily && ServerVersion is { Major: >= 10 };

    /// <summary>Whether the server is at least <paramref name="major"/>.<paramref name="minor"/>.<paramref name="build"/>; false when no version is known.</summary>
    public bool AtLeast(int major, int minor = 0, int build = 0) =>
        ServerVersion is { } v && v >= new Version(major, minor, build);

    /// <summary>"16", "15.4", "10.11.6-MariaDB", "8.0.29" → a version (the numeric prefix).</summary>
    public static Version? ParseVersion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new string(text.Trim().TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
        var parts = digits.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        if (parts.Count == 0) throw new RetortException($"server_version '{text}' is not a version such as \"16\" or \"10.11\".");
        while (parts.Count < 3) parts.Add(0);
        return new Version(parts[0], parts[1], parts[2]);
    }
}
