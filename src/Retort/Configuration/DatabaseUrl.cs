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
            if (dialectName is null)
                throw new RetortException($"Bad database URL '{Mask(url)}': expected scheme://… (sqlite, postgresql, mysql, mariadb, mssql) or set dialect = \"…\" beside an ADO.NET connection string.");
            return new DatabaseUrl(FindDialect(dialectName), url, Mask(url));
        }
        // SQLAlchemy-style "postgresql+psycopg2://" names a Python driver; the dialect is the part before '+'.
        var scheme = url[..schemeEnd].Split('+')[0].ToLowerInvariant();
        var rest = url[(schemeEnd + 3)..];
        var dialect = FindDialect(scheme);
        var connectionString = dialect.Name == "sqlite" ? SqliteConnectionString(rest, baseDirectory) : ServerConnectionString(dialect.Name, rest, url);
        return new DatabaseUrl(dialect, connectionString, Mask(url));
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
        var m = ServerUrlPattern().Match(rest);
        if (!m.Success)
            throw new RetortException($"Bad database URL '{Mask(original)}': expected {dialect}://user:password@host[:port]/database.");
        string? Part(string name) => m.Groups[name].Success && m.Groups[name].Length > 0 ? Uri.UnescapeDataString(m.Groups[name].Value) : null;
        var user = Part("user");
        var password = Part("password");
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

    /// <summary>Hides passwords in a URL (<c>://user:***@host</c>) or a connection string (<c>Password=***</c>).</summary>
    public static string Mask(string text)
    {
        text = UrlPasswordPattern().Replace(text, "${pre}:***@");
        return ConnectionStringPasswordPattern().Replace(text, "${key}=***");
    }

    [GeneratedRegex(@"^(?:(?<user>[^:@/]*)(?::(?<password>[^@]*))?@)?(?<host>\[[^\]]*\]|[^:/?]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$")]
    private static partial Regex ServerUrlPattern();

    [GeneratedRegex(@"(?<pre>://[^:/@]*):[^@]*@")]
    private static partial Regex UrlPasswordPattern();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?!\*\*\*)(?:""(?:[^""]|"""")*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPasswordPattern();
}
