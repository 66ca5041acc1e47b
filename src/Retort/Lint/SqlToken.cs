namespace Retort.Lint;

public enum SqlTokenKind { Word, QuotedIdentifier, String, Number, Symbol }

/// <summary>
/// One token of a statement: <see cref="Text"/> is the name for words and quoted identifiers (quotes removed) and
/// the source text otherwise; <see cref="Source"/> is always the text as written.
/// </summary>
public readonly record struct SqlToken(SqlTokenKind Kind, string Text, string Source)
{
    /// <summary>An unquoted word equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char c) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == c;

    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
