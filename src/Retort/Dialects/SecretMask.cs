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
    /// Hides a URL's user-info password (<c>://user:***@host</c>, up to the last '@' of the URL), a connection
    /// string's (<c>Password=***</c>), and every known password value.
    /// </summary>
    public static string Mask(string text)
    {
        // Each pattern needs "://" or "=": checking first spares two regex scans of every log line (5000 a run).
        if (text.Contains("://", StringComparison.Ordinal)) text = UrlPasswordPattern().Replace(text, m => m.Groups["pre"].Value + ":***@");
        if (text.Contains('=')) text = ConnectionStringPasswordPattern().Replace(text, "${key}=***");
        return MaskValues(text);
    }

    /// <summary>scheme://user:password@ within one whitespace- or quote-delimited token; greedy to its last '@'.</summary>
    [GeneratedRegex(@"(?<pre>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s'""]*):(?!\*\*\*@)[^\s'""]*@")]
    private static partial Regex UrlPasswordPattern();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?!\*\*\*)(?:""(?:[^""]|"""")*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPasswordPattern();

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
    /// Replaces every known password in <paramref name="text"/> with ***, longest first. A password shorter than
    /// <see cref="MinimumAnywhere"/> characters is replaced only where it stands alone (no letter or digit on either
    /// side): a password "pg" must not turn "postgresql" into "***stgresql".
    /// </summary>
    public static string MaskValues(string text)
    {
        // Enumerating takes no lock (Known.Keys and Known.Count take all of them, on every log line), and with no
        // password parsed (SQLite, a URL without one) there is nothing to do.
        using (var any = Known.GetEnumerator())
            if (!any.MoveNext()) return text;
        foreach (var secret in Known.Select(p => p.Key).OrderByDescending(s => s.Length))
        {
            if (secret.Length >= MinimumAnywhere)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            else if (text.Contains(secret, StringComparison.Ordinal))
                text = System.Text.RegularExpressions.Regex.Replace(text,
                    @"(?<![\p{L}\p{N}])" + System.Text.RegularExpressions.Regex.Escape(secret) + @"(?![\p{L}\p{N}])", "***");
        }
        return text;
    }

    private const int MinimumAnywhere = 6;
}
