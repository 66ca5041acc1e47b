namespace Retort.Dialects;

/// <summary>
/// A database URL split into its parts (<c>scheme://user:password@host:port/database?query</c>), with escapes
/// undone. The generic parsing lives in Retort.Configuration.DatabaseUrl; each provider builds its driver's
/// connection string from these parts.
/// </summary>
public sealed record ConnectionUrl(string Scheme, string Original)
{
    /// <summary>Everything after <c>scheme://</c>, as written (file-based databases read their path from it).</summary>
    public string Rest { get; init; } = "";
    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Host { get; init; }
    public string? Port { get; init; }
    public string? Database { get; init; }
    /// <summary>The <c>?key=value&amp;…</c> options, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
    /// <summary>The folder relative file paths are taken from (the config file's folder).</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();
    /// <summary>Whether the server part (user, host, port, database) matched the <c>user:password@host:port/db</c> shape.</summary>
    public bool IsServerShaped { get; init; }

    /// <summary>Joins key/value pairs as an ADO.NET connection string, quoting values that need it.</summary>
    public static string Join(IEnumerable<(string Key, string Value)> pairs) =>
        string.Join(";", pairs.Select(p => $"{p.Key}={Quote(p.Value)}"));

    private static string Quote(string value) =>
        value.IndexOfAny([';', '=', '"', '\'']) >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>
    /// The usual server connection string: host (with <c>,port</c> when <paramref name="portKey"/> is null), port,
    /// user, password and database under the driver's key names, then <paramref name="extra"/>, then the query options.
    /// </summary>
    public string ServerConnectionString(string hostKey, string userKey, string? portKey = "Port", string databaseKey = "Database",
        string passwordKey = "Password", params (string Key, string Value)[] extra)
    {
        if (!IsServerShaped)
            throw new RetortException($"Bad database URL '{SecretMask.Mask(Original)}': expected {Scheme}://user:password@host[:port]/database.");
        var host = Host ?? "localhost";
        var pairs = new List<(string, string)> { (hostKey, portKey is null && Port is not null ? host + "," + Port : host) };
        if (portKey is not null && Port is not null) pairs.Add((portKey, Port));
        if (User is not null) pairs.Add((userKey, User));
        if (Password is not null) pairs.Add((passwordKey, Password));
        if (Database is not null) pairs.Add((databaseKey, Database));
        pairs.AddRange(extra);
        return Join(pairs.Concat(Query.Select(q => (q.Key, q.Value))));
    }
}
