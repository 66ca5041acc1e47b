using System.Globalization;

namespace Retort.Lint;

/// <summary>
/// The server a lint run judges against: the provider (postgresql, mysql, sqlite, mssql …) and the server version
/// (retort.toml <c>server_version</c> or <c>--server-version</c>). Without a version, the oldest a rule knows, so a
/// finding that an older server would cause is never missed. On the mysql provider a major version of 10 or more is
/// MariaDB (MySQL's are 5, 8 and 9).
/// </summary>
public sealed record LintTarget(string Provider, Version? ServerVersion)
{
    public bool IsPostgres => Provider == "postgresql";

    public bool IsMySqlFamily => Provider == "mysql";

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
