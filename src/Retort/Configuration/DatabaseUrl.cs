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
            if (dialectName is null)
                throw new RetortException($"Bad database URL '{Mask(url)}': expected scheme://… ({string.Join(", ", DatabaseProviders.All.SelectMany(p => p.Aliases.Prepend(p.Name)))}) or set dialect = \"…\" beside an ADO.NET connection string.");
            return new DatabaseUrl(DatabaseProviders.Get(dialectName), url, Mask(url));
        }
        // SQLAlchemy-style "postgresql+psycopg2://" names a Python driver; the provider is the part before '+'.
        var scheme = url[..schemeEnd].Split('+')[0].ToLowerInvariant();
        var provider = DatabaseProviders.Get(scheme);
        return new DatabaseUrl(provider, provider.BuildConnectionString(Split(scheme, url[(schemeEnd + 3)..], url, baseDirectory)), Mask(url));
    }

    /// <summary>The generic URL shape, <c>user:password@host:port/database?query</c>, with escapes undone.</summary>
    public static ConnectionUrl Split(string scheme, string rest, string original, string baseDirectory)
    {
        var m = ServerUrlPattern().Match(rest);
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
            User = Part("user"),
            Password = Part("password"),
            Host = Part("host"),
            Port = Part("port"),
            Database = Part("db"),
            Query = query,
            BaseDirectory = baseDirectory,
            IsServerShaped = m.Success,
        };
    }

    /// <summary>Hides passwords in a URL (<c>://user:***@host</c>) or a connection string (<c>Password=***</c>).</summary>
    public static string Mask(string text) => SecretMask.Mask(text);

    [GeneratedRegex(@"^(?:(?<user>[^:@/]*)(?::(?<password>[^@]*))?@)?(?<host>\[[^\]]*\]|[^:/?]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$")]
    private static partial Regex ServerUrlPattern();
}
