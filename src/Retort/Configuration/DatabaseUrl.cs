using System.Text.RegularExpressions;
using Retort.Dialects;

namespace Retort.Configuration;

/// <summary>
/// A database address: a URL (<c>sqlite:///app.db</c>, <c>postgresql://u:p@host/db</c> …) or a provider name plus
/// an ADO.NET connection string. The URL is split here; the provider named by its scheme builds the connection string.
/// </summary>
public sealed partial record DatabaseUrl(DatabaseProvider Provider, string ConnectionString, string Display)
{
    /// <summary>The provider's SQL generator.</summary>
    public SqlDialect Dialect => Provider.Dialect;

    /// <summary>Parses <paramref name="url"/>; relative file paths are taken from <paramref name="baseDirectory"/>.</summary>
    public static DatabaseUrl Parse(string url, string? dialectName, string baseDirectory)
    {
        url = url.Trim();
        if (url.Length == 0)
            throw new RetortException("No database URL is configured: set url in retort.toml (e.g. url = \"sqlite:///app.db\").");
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            SecretMask.RegisterFromConnectionString(url);
            if (dialectName is null)
                throw new RetortException($"Bad database URL '{Mask(url)}': expected scheme://… ({string.Join(", ", DatabaseProviders.All.SelectMany(p => p.Aliases.Prepend(p.Name)))}) or set dialect = \"…\" beside an ADO.NET connection string.");
            return new DatabaseUrl(DatabaseProviders.Get(dialectName), url, Mask(url));
        }
        // SQLAlchemy-style "postgresql+psycopg2://" names a Python driver; the provider is the part before '+'.
        var scheme = url[..schemeEnd].Split('+')[0].ToLowerInvariant();
        var rest = url[(schemeEnd + 3)..];
        var parts = Split(scheme, rest, url, baseDirectory);
        // Known before anything can fail, so that no message below, nor any driver's, can show it.
        if (parts.IsServerShaped) SecretMask.Register(parts.Password);
        foreach (var option in parts.Query.Where(q => SecretMask.IsPasswordKey(q.Key))) SecretMask.Register(option.Value);
        var provider = DatabaseProviders.Get(scheme);
        return new DatabaseUrl(provider, provider.BuildConnectionString(parts), MaskUrl(url));
    }

    /// <summary>The generic URL shape, <c>user:password@host:port/database?query</c>, with escapes undone.</summary>
    public static ConnectionUrl Split(string scheme, string rest, string original, string baseDirectory)
    {
        var (user, password, hostPart) = SplitUserInfo(rest);
        var m = ServerUrlPattern().Match(hostPart);
        string? Part(string name) => m.Success && m.Groups[name].Success && m.Groups[name].Length > 0 ? Uri.UnescapeDataString(m.Groups[name].Value) : null;
        var query = new List<KeyValuePair<string, string>>();
        foreach (var kv in (Part("query") ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = kv.IndexOf('=');
            if (eq > 0) query.Add(new(kv[..eq], kv[(eq + 1)..]));
        }
        return new ConnectionUrl(scheme, original)
        {
            Rest = rest,
            User = user,
            Password = password,
            Host = Part("host"),
            Port = Part("port"),
            Database = Part("db"),
            Query = query,
            BaseDirectory = baseDirectory,
            IsServerShaped = m.Success,
        };
    }

    /// <summary>
    /// Splits <c>user:password@host…</c> (the part after <c>scheme://</c>) at the last '@' before the query, as
    /// Python's urllib does, so a raw '@' or ':' in the password stays in the password (libpq would split at the
    /// first '@' and misread the rest as host and port); user and password are percent-decoded.
    /// </summary>
    internal static (string? User, string? Password, string HostPart) SplitUserInfo(string rest)
    {
        var query = rest.IndexOf('?');
        var at = (query < 0 ? rest : rest[..query]).LastIndexOf('@');
        if (at < 0) return (null, null, rest);
        var userInfo = rest[..at];
        var colon = userInfo.IndexOf(':');
        string? Decode(string s) => s.Length == 0 ? null : Uri.UnescapeDataString(s);
        return colon < 0
            ? (Decode(userInfo), null, rest[(at + 1)..])
            : (Decode(userInfo[..colon]), Decode(userInfo[(colon + 1)..]), rest[(at + 1)..]);
    }

    /// <summary>A URL with its user-info password and <c>?password=</c> option as ***, split as <see cref="SplitUserInfo"/> does.</summary>
    internal static string MaskUrl(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return Mask(url);
        var rest = url[(schemeEnd + 3)..];
        var query = rest.IndexOf('?');
        var at = (query < 0 ? rest : rest[..query]).LastIndexOf('@');
        // By where the password is, not by its value: a short password must not hide a user or database name.
        if (at < 0) return SecretMask.MaskQuery(url);
        var colon = rest.IndexOf(':');
        var userInfo = colon >= 0 && colon < at ? rest[..colon] + ":***" : rest[..at];
        return SecretMask.MaskQuery(url[..(schemeEnd + 3)] + userInfo + rest[at..]);
    }

    /// <summary>Hides passwords: see <see cref="SecretMask.Mask"/>.</summary>
    public static string Mask(string text) => SecretMask.Mask(text);

    [GeneratedRegex(@"^(?<host>\[[^\]]*\]|[^:/?@]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$")]
    private static partial Regex ServerUrlPattern();
}
