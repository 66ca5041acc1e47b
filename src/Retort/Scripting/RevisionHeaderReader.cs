using System.Text;
using Retort.Graph;

namespace Retort.Scripting;

/// <summary>
/// Reads a revision file's <c>[Revision(...)]</c> attribute and header comment from its text, without compiling it,
/// so that graph-only commands stay fast. The attribute takes string literals, null, and arrays of string literals.
/// </summary>
public static class RevisionHeaderReader
{
    /// <summary>The revision declared in <paramref name="source"/>, or null when the file declares none.</summary>
    public static Revision? Read(string source, string path)
    {
        var start = FindAttribute(source);
        if (start < 0) return null;
        var scanner = new Scanner(source, start, path);
        var id = scanner.ReadString() ?? throw scanner.Error("the revision id must be a string literal");
        string? down = null;
        string[]? downs = null, labels = null, depends = null, replaces = null;
        string? message = null;
        while (scanner.TryComma())
        {
            var name = scanner.ReadIdentifier();
            scanner.Expect('=');
            switch (name)
            {
                case "DownRevision": down = scanner.ReadString(); break;
                case "DownRevisions": downs = scanner.ReadStringArray(); break;
                case "BranchLabels": labels = scanner.ReadStringArray(); break;
                case "DependsOn": depends = scanner.ReadStringArray(); break;
                case "Message": message = scanner.ReadString(); break;
                case "Idempotent": scanner.ReadBool(); break; // read from the compiled attribute when it runs
                case "Replaces": replaces = scanner.ReadStringArray(); break;
                default: throw scanner.Error($"unknown Revision attribute argument '{name}'");
            }
        }
        scanner.Expect(')');
        var parents = downs ?? (down is null ? [] : [down]);
        return new Revision(id, parents, labels ?? [], depends ?? [], message ?? HeaderMessage(source))
        {
            Path = path,
            CreateDate = HeaderField(source, "Create Date:"),
            Replaces = replaces ?? [],
        };
    }

    private static int FindAttribute(string source)
    {
        foreach (var marker in new[] { "[Revision(", "[RevisionAttribute(", "[Retort.Revision(" })
        {
            var at = 0;
            while ((at = source.IndexOf(marker, at, StringComparison.Ordinal)) >= 0)
            {
                if (!InComment(source, at)) return at + marker.Length;
                at += marker.Length;
            }
        }
        return -1;
    }

    private static bool InComment(string source, int index)
    {
        var lineStart = source.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return source.AsSpan(lineStart, index - lineStart).TrimStart().StartsWith("//");
    }

    /// <summary>The first line of the leading comment block: the message, as in Alembic's docstring.</summary>
    private static string HeaderMessage(string source)
    {
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith("//")) break;
            var text = line.TrimStart('/').Trim();
            if (text.Length > 0) return text;
        }
        return "";
    }

    private static string? HeaderField(string source, string label)
    {
        var at = source.IndexOf(label, StringComparison.Ordinal);
        if (at < 0 || at > 2000) return null;
        var end = source.IndexOf('\n', at);
        var value = source[(at + label.Length)..(end < 0 ? source.Length : end)].Trim();
        return value.Length == 0 ? null : value;
    }

    private sealed class Scanner(string text, int pos, string path)
    {
        private int _pos = pos;

        public RetortException Error(string what)
        {
            var line = 1 + text.AsSpan(0, Math.Min(_pos, text.Length)).Count('\n');
            return new RetortException($"{path}({line}): cannot read the Revision attribute: {what}.");
        }

        private void SkipSpace()
        {
            while (_pos < text.Length)
            {
                if (char.IsWhiteSpace(text[_pos])) _pos++;
                else if (At("//")) { var nl = text.IndexOf('\n', _pos); _pos = nl < 0 ? text.Length : nl; }
                else if (At("/*")) { var e = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal); _pos = e < 0 ? text.Length : e + 2; }
                else break;
            }
        }

        private bool At(string s) => string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0;

        public bool TryComma()
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == ',') { _pos++; return true; }
            return false;
        }

        public void Expect(char c)
        {
            SkipSpace();
            if (_pos >= text.Length || text[_pos] != c) throw Error($"expected '{c}'");
            _pos++;
        }

        public string ReadIdentifier()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            if (_pos == start) throw Error("expected an argument name");
            return text[start.._pos];
        }

        /// <summary>A string literal, or null for the literal <c>null</c>.</summary>
        public string? ReadString()
        {
            SkipSpace();
            if (At("null")) { _pos += 4; return null; }
            var verbatim = At("@\"");
            if (verbatim) _pos++;
            if (_pos >= text.Length || text[_pos] != '"') throw Error("expected a string literal");
            _pos++;
            var sb = new StringBuilder();
            while (_pos < text.Length)
            {
                var c = text[_pos++];
                if (c == '"')
                {
                    if (verbatim && _pos < text.Length && text[_pos] == '"') { sb.Append('"'); _pos++; continue; }
                    return sb.ToString();
                }
                if (c == '\\' && !verbatim && _pos < text.Length)
                {
                    var e = text[_pos++];
                    if (e == 'u' && _pos + 4 <= text.Length
                        && int.TryParse(text.AsSpan(_pos, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
                    {
                        sb.Append((char)code); // as RevisionWriter.Literal writes a control character
                        _pos += 4;
                        continue;
                    }
                    sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
                    continue;
                }
                sb.Append(c);
            }
            throw Error("unterminated string");
        }

        public bool ReadBool()
        {
            SkipSpace();
            if (At("true")) { _pos += 4; return true; }
            if (At("false")) { _pos += 5; return false; }
            throw Error("expected true or false");
        }

        /// <summary><c>new[] { "a", "b" }</c>, <c>new string[] { … }</c>, <c>["a", "b"]</c>, or null.</summary>
        public string[]? ReadStringArray()
        {
            SkipSpace();
            if (At("null")) { _pos += 4; return null; }
            char close;
            if (At("new"))
            {
                _pos += 3;
                SkipSpace();
                if (At("string")) _pos += 6;
                SkipSpace();
                if (!At("[]")) throw Error("expected new[] { … }");
                _pos += 2;
                Expect('{');
                close = '}';
            }
            else
            {
                Expect('[');
                close = ']';
            }
            var items = new List<string>();
            SkipSpace();
            while (_pos < text.Length && text[_pos] != close)
            {
                items.Add(ReadString() ?? throw Error("null inside an array"));
                if (!TryComma()) break;
                SkipSpace();
            }
            Expect(close);
            return items.ToArray();
        }
    }
}
