using System.Text.RegularExpressions;

namespace Retort.Dialects;

/// <summary>Hides passwords in URLs and connection strings before they reach a message or a log.</summary>
public static partial class SecretMask
{
    /// <summary>Hides passwords in a URL (<c>://user:***@host</c>) or a connection string (<c>Password=***</c>).</summary>
    public static string Mask(string text)
    {
        text = UrlPasswordPattern().Replace(text, "${pre}:***@");
        return ConnectionStringPasswordPattern().Replace(text, "${key}=***");
    }

    [GeneratedRegex(@"(?<pre>://[^:/@]*):[^@]*@")]
    private static partial Regex UrlPasswordPattern();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?!\*\*\*)(?:""(?:[^""]|"""")*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPasswordPattern();
}
