namespace Retort.Lint;

/// <summary>Reads a statement's tokens left to right: keywords, (qualified) names, parenthesised lists, text spans.</summary>
internal sealed class TokenCursor(IReadOnlyList<SqlToken> tokens)
{
    private int _pos;

    public bool AtEnd => _pos >= tokens.Count;

    public SqlToken? Peek(int ahead = 0) => _pos + ahead < tokens.Count ? tokens[_pos + ahead] : null;

    /// <summary>Consumes the keywords when they come next, in order; otherwise consumes nothing.</summary>
    public bool Accept(params string[] keywords)
    {
        for (var k = 0; k < keywords.Length; k++)
            if (Peek(k) is not { } t || !t.Is(keywords[k])) return false;
        _pos += keywords.Length;
        return true;
    }

    /// <summary>Consumes one token, whatever it is.</summary>
    public void Skip() => _pos = Math.Min(_pos + 1, tokens.Count);

    /// <summary>What is left of the statement.</summary>
    public IReadOnlyList<SqlToken> RemainingTokens() => tokens.Skip(_pos).ToList();

    public bool AcceptSymbol(char c)
    {
        if (Peek() is not { } t || !t.IsSymbol(c)) return false;
        _pos++;
        return true;
    }

    /// <summary>A name, qualified or not (<c>schema.table</c>); the last part is returned.</summary>
    public string? Name()
    {
        if (Peek() is not { IsName: true } first) return null;
        _pos++;
        var name = first.Text;
        while (Peek() is { } dot && dot.IsSymbol('.') && Peek(1) is { IsName: true } next)
        {
            _pos += 2;
            name = next.Text;
        }
        return name;
    }

    /// <summary><c>(a, b, …)</c> as names; expressions inside are kept as their text.</summary>
    public List<string> NameList()
    {
        var names = new List<string>();
        if (!AcceptSymbol('(')) return names;
        var depth = 1;
        var part = new List<SqlToken>();
        while (!AtEnd && depth > 0)
        {
            var t = tokens[_pos++];
            if (t.IsSymbol('(')) depth++;
            else if (t.IsSymbol(')') && --depth == 0) break;
            if (depth == 1 && t.IsSymbol(',')) { names.Add(Text(part)); part.Clear(); continue; }
            part.Add(t);
        }
        if (part.Count > 0) names.Add(Text(part));
        return names;
    }

    /// <summary>The tokens up to (not including) the first top-level token matching <paramref name="stop"/>, as text.</summary>
    public string Until(Func<SqlToken, bool> stop)
    {
        var part = new List<SqlToken>();
        var depth = 0;
        while (!AtEnd)
        {
            var t = tokens[_pos];
            if (depth == 0 && stop(t)) break;
            if (t.IsSymbol('(')) depth++;
            else if (t.IsSymbol(')')) depth--;
            part.Add(t);
            _pos++;
        }
        return Text(part);
    }

    /// <summary>The rest of the statement as text.</summary>
    public string Rest() => Until(_ => false);

    /// <summary>Whether a keyword appears anywhere in what is left (at any depth).</summary>
    public bool RestContains(params string[] keywords)
    {
        for (var p = _pos; p + keywords.Length <= tokens.Count; p++)
            if (keywords.Select((k, j) => tokens[p + j].Is(k)).All(x => x)) return true;
        return false;
    }

    /// <summary>Tokens joined with single spaces, without spaces inside parentheses or before commas.</summary>
    public static string Text(IEnumerable<SqlToken> part)
    {
        var sb = new System.Text.StringBuilder();
        SqlToken? previous = null;
        foreach (var t in part)
        {
            var glue = previous is null || t.IsSymbol(')') || t.IsSymbol(',') || t.IsSymbol('(') && previous.Value.IsName
                       || previous.Value.IsSymbol('(') || t.IsSymbol('.') || previous.Value.IsSymbol('.')
                       || t.IsSymbol(':') || previous.Value.IsSymbol(':');
            if (!glue) sb.Append(' ');
            sb.Append(t.Source);
            previous = t;
        }
        return sb.ToString();
    }

    /// <summary>Splits the rest at top-level commas (ALTER TABLE's list of actions).</summary>
    public List<TokenCursor> SplitAtCommas()
    {
        var parts = new List<TokenCursor>();
        var part = new List<SqlToken>();
        var depth = 0;
        while (!AtEnd)
        {
            var t = tokens[_pos++];
            if (t.IsSymbol('(')) depth++;
            else if (t.IsSymbol(')')) depth--;
            if (depth == 0 && t.IsSymbol(',')) { parts.Add(new TokenCursor(part)); part = []; continue; }
            part.Add(t);
        }
        if (part.Count > 0) parts.Add(new TokenCursor(part));
        return parts;
    }
}
