using System.Collections.Concurrent;
using System.Data.Common;

namespace Retort.Configuration;

/// <summary>
/// The passwords this process has parsed (from URLs and connection strings), so that any text printed afterwards -
/// a driver's message, a stack trace, a log line - can be masked by the password's value, wherever it appears.
/// </summary>
public static class Secrets
{
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
        foreach (var secret in Known.Keys.OrderByDescending(s => s.Length))
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
