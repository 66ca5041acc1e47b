using System.Globalization;
using System.Text;

namespace Retort;

/// <summary>
/// Text that Retort writes inside a comment of generated SQL (<c>-- Running upgrade …, message</c>) or C#
/// (<c>// message</c>). A revision message or a reflected object name is user text: a line break in it (psql ends a
/// <c>--</c> comment at a bare CR; C# at CR, U+2028, U+2029, U+0085) would end the comment and run the rest as code,
/// a NUL breaks the mariadb client, and <c>*/</c> ends a block comment.
/// </summary>
public static class CommentText
{
    /// <summary>
    /// The lines of <paramref name="text"/>, split at every kind of line break, each safe inside a comment: other
    /// control characters written as <c>\uXXXX</c>, <c>*/</c> as <c>* /</c>.
    /// </summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsLineBreak(c))
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                lines.Add(line.ToString());
                line.Clear();
            }
            else if (c == '/' && line.Length > 0 && line[^1] == '*') line.Append(" /");
            else if (char.IsControl(c) && c != '\t') line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else line.Append(c);
        }
        lines.Add(line.ToString());
        return lines;
    }

    /// <summary><paramref name="text"/> as comment lines, joined so that each continues the comment: <c>"\n-- "</c>.</summary>
    public static string Join(string text, string continuation) => string.Join(continuation, Lines(text));

    /// <summary>Every character that ends a line comment in SQL clients or C#.</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';
}
