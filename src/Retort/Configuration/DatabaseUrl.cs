using System.Text.RegularExpressions;
using Retort.Dialects;

namespace Retort.Configuration;

/// <summary>
/// A database address: a URL (<c>sqlite:///app.db</c>, <c>postgresql://u:p@host/db</c> …) or a dialect name plus an
/// ADO.NET connection string, turned into the dialect and the driver's connection string.
/// </summary>
public sealed partial record DatabaseUrl(SqlDialect Dialect, string ConnectionString, string Display)
{
    /// <summary>Parses <paramref name="url"/>; relative SQLite paths are taken from <paramref name="baseDirectory"/>.</summary>
    public static DatabaseUrl Parse(string url, string? dialectName, string baseDirectory)
    {
        url = url.Trim();
        if (url.Length == 0)
            throw new RetortException("No database URL is configured: set url in retort.toml (e.g. url = \"sqlite:///app.db\").");
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            Secrets.RegisterFromConnectionString(url);
            if (dialectName is null)
                throw new RetortException($"Bad database URL '{Mask(url)}': expected scheme://… (sqlite, postgresql, mysql, mariadb, mssql) or set dialect = \"…\" beside an ADO.NET connection string.");
            return new DatabaseUrl(FindDialect(dialectName), url, Mask(url));
        }
        // SQLAlchemy-style "postgresql+psycopg2://" names a Python driver; the dialect is the part before '+'.
        var scheme = url[..schemeEnd].Split('+')[0].ToLowerInvariant();
        var rest = url[(schemeEnd + 3)..];
        // Known before anything can fail, so that no error message below can show it.
        if (scheme != "sqlite") Secrets.Register(SplitUserInfo(rest).Password);
        var dialect = FindDialect(scheme);
        var connectionString = dialect.Name == "sqlite" ? SqliteConnectionString(rest, baseDirectory) : ServerConnectionString(dialect.Name, rest, url);
        return new DatabaseUrl(dialect, connectionString, MaskUrl(url));
    }

    private static SqlDialect FindDialect(string name) =>
        SqlDialects.Find(name) ?? throw new RetortException(
            $"Unknown dialect '{name}': expected one of {string.Join(", ", SqlDialects.Names)} (aliases: postgres, mariadb, sqlserver).");

    private static string SqliteConnectionString(string rest, string baseDirectory)
    {
        // sqlite:// and sqlite:///:memory: are in-memory; sqlite:///rel.db is relative; sqlite:////abs.db absolute.
        if (rest.Length == 0 || rest == "/:memory:") return "Data Source=:memory:";
        if (!rest.StartsWith('/'))
            throw new RetortException($"Bad SQLite URL 'sqlite://{rest}': use sqlite:///relative.db, sqlite:////absolute.db or sqlite://.");
        var query = "";
        var q = rest.IndexOf('?');
        if (q >= 0) { query = rest[(q + 1)..]; rest = rest[..q]; }
        var path = rest[1..];
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        var cs = "Data Source=" + full;
        if (query.Length > 0) cs += ";" + query.Replace('&', ';');
        return cs;
    }

    private static string ServerConnectionString(string dialect, string rest, string original)
    {
        var (user, password, hostPart) = SplitUserInfo(rest);
        var m = ServerUrlPattern().Match(hostPart);
        if (!m.Success)
            throw new RetortException($"Bad database URL '{MaskUrl(original)}': expected {dialect}://user:password@host[:port]/database.");
        string? Part(string name) => m.Groups[name].Success && m.Groups[name].Length > 0 ? Uri.UnescapeDataString(m.Groups[name].Value) : null;
        var host = Part("host") ?? "localhost";
        var port = Part("port");
        var database = Part("db");
        var pairs = new List<(string, string)>();
        switch (dialect)
        {
            case "postgresql":
                pairs.Add(("Host", host));
                if (port is not null) pairs.Add(("Port", port));
                if (user is not null) pairs.Add(("Username", user));
                if (password is not null) pairs.Add(("Password", password));
                if (database is not null) pairs.Add(("Database", database));
                break;
            case "mysql":
                pairs.Add(("Server", host));
                if (port is not null) pairs.Add(("Port", port));
                if (user is not null) pairs.Add(("User ID", user));
                if (password is not null) pairs.Add(("Password", password));
                if (database is not null) pairs.Add(("Database", database));
                break;
            default:
                pairs.Add(("Server", port is null ? host : host + "," + port));
                if (user is not null) pairs.Add(("User ID", user));
                if (password is not null) pairs.Add(("Password", password));
                if (database is not null) pairs.Add(("Database", database));
                pairs.Add(("TrustServerCertificate", "True"));
                break;
        }
        foreach (var kv in (Part("query") ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = kv.IndexOf('=');
            if (eq > 0) pairs.Add((kv[..eq], kv[(eq + 1)..]));
        }
        return string.Join(";", pairs.Select(p => $"{p.Item1}={Quote(p.Item2)}"));
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', '=', '"', '\'']) >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>
    /// Splits <c>user:password@host…</c> (the part after <c>scheme://</c>) at the last '@' before the query, as
    /// Python's urllib does, so a raw '@' or ':' in the password stays in the password; user and password are
    /// percent-decoded. Without an '@' there is no user-info.
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

    /// <summary>A URL with its user-info password as ***, split as <see cref="SplitUserInfo"/> does.</summary>
    internal static string MaskUrl(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return Mask(url);
        var rest = url[(schemeEnd + 3)..];
        var query = rest.IndexOf('?');
        var at = (query < 0 ? rest : rest[..query]).LastIndexOf('@');
        if (at < 0) return Secrets.MaskValues(url);
        var colon = rest.IndexOf(':');
        var userInfo = colon >= 0 && colon < at ? rest[..colon] + ":***" : rest[..at];
        return Secrets.MaskValues(url[..(schemeEnd + 3)] + userInfo + rest[at..]);
    }

    /// <summary>
    /// Hides passwords: every password parsed so far (by value, wherever it appears), a URL's user-info password
    /// (<c>://user:***@host</c>, up to the last '@' of the URL) and a connection string's (<c>Password=***</c>).
    /// </summary>
    public static string Mask(string text)
    {
        text = UrlPasswordPattern().Replace(text, m => m.Groups["pre"].Value + ":***@");
        text = ConnectionStringPasswordPattern().Replace(text, "${key}=***");
        return Secrets.MaskValues(text);
    }

    [GeneratedRegex(@"^(?<host>\[[^\]]*\]|[^:/?@]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$")]
    private static partial Regex ServerUrlPattern();

    /// <summary>scheme://user:password@ within one whitespace- or quote-delimited token; greedy to its last '@'.</summary>
    [GeneratedRegex(@"(?<pre>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s'""]*):(?!\*\*\*@)[^\s'""]*@")]
    private static partial Regex UrlPasswordPattern();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?!\*\*\*)(?:""(?:[^""]|"""")*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPasswordPattern();
}
