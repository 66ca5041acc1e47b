using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;

namespace Retort.Dialects;

/// <summary>
/// Hides passwords before they reach a message or a log: by the shape of URLs and connection strings, and by the
/// value of every password this process has parsed (from URLs and connection strings), wherever it appears - a
/// driver's message, a stack trace, a log line.
/// </summary>
public static partial class SecretMask
{
    /// <summary>
    /// Hides every known password value, then a URL's user-info password (<c>://user:***@host</c>, up to the last
    /// '@' of the URL) and <c>?password=</c> option, and a connection string's (<c>Password=***</c>), keeping the
    /// rest of the text (a driver's reason after the URL).
    /// </summary>
    public static string Mask(string text)
    {
        text = MaskValues(text);
        // Each pattern needs "://" or "=": checking first spares regex scans of every log line (5000 a run).
        if (text.Contains("://", StringComparison.Ordinal)) text = UrlPasswordPattern().Replace(text, m => m.Groups["pre"].Value + ":***@");
        if (text.Contains('=')) text = ConnectionStringPasswordPattern().Replace(text, "${key}=***");
        return text;
    }

    /// <summary>A URL's <c>?password=</c> / <c>&amp;pwd=</c> option values as ***.</summary>
    public static string MaskQuery(string url) => url.Contains('=') ? QueryPasswordPattern().Replace(url, "${key}=***") : url;

    /// <summary>Whether a URL option or connection-string key holds a password.</summary>
    public static bool IsPasswordKey(string key) =>
        key.Trim().Equals("password", StringComparison.OrdinalIgnoreCase) || key.Trim().Equals("pwd", StringComparison.OrdinalIgnoreCase);

    /// <summary>scheme://user:password@ within one whitespace- or quote-delimited token; greedy to its last '@'.</summary>
    [GeneratedRegex(@"(?<pre>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s'""]*):(?!\*\*\*@)[^\s'""]*@")]
    private static partial Regex UrlPasswordPattern();

    /// <summary>
    /// <c>Password=value</c>: quoted, or up to ';', '&amp;', a quote or white space, so that a reason written after
    /// a URL's <c>?password=</c> stays (a parsed value with spaces is already hidden by <see cref="MaskValues"/>).
    /// </summary>
    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?!\*\*\*)(?:""(?:[^""]|"""")*""|'[^']*'|[^;&\s'""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPasswordPattern();

    [GeneratedRegex(@"(?<key>[?&](?:password|pwd))=(?!\*\*\*)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex QueryPasswordPattern();

    private static readonly ConcurrentDictionary<string, byte> Known = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="password"/> and its percent-encoded form (as written in a URL).</summary>
    public static void Register(string? password)
    {
        if (string.IsNullOrEmpty(password)) return;
        Known.TryAdd(password, 0);
        var encoded = Uri.EscapeDataString(password);
        if (encoded != password) Known.TryAdd(encoded, 0);
    }

    /// <summary>Remembers the Password/Pwd value of an ADO.NET connection string, when it parses.</summary>
    public static void RegisterFromConnectionString(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "password", "pwd" })
                if (builder.TryGetValue(key, out var value)) Register(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (ArgumentException)
        {
            // Not a connection string: nothing to remember; the structural masks still apply.
        }
    }

    /// <summary>
    /// Replaces every known password in <paramref name="text"/> with ***, longest first, where it stands as a word
    /// of its own: not beside a letter, digit or '_', nor joined by '.' or '-' to one (a password "chaos" leaves
    /// the database "chaos_db" and the host "chaos.example" alone; a password "pg" leaves "postgresql").
    /// </summary>
    public static string MaskValues(string text)
    {
        // Enumerating takes no lock (Known.Keys and Known.Count take all of them, on every log line), and with no
        // password parsed (SQLite, a URL without one) there is nothing to do.
        using (var any = Known.GetEnumerator())
            if (!any.MoveNext()) return text;
        foreach (var secret in Known.Select(p => p.Key).OrderByDescending(s => s.Length))
            if (text.Contains(secret, StringComparison.Ordinal))
                text = Regex.Replace(text, Before + Regex.Escape(secret) + After, "***");
        return text;
    }

    private const string Before = @"(?<![\p{L}\p{N}_])(?<![\p{L}\p{N}][.-])";

    private const string After = @"(?![\p{L}\p{N}_])(?![.-][\p{L}\p{N}])";
}
