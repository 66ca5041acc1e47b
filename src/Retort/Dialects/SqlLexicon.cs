namespace Retort.Dialects;

/// <summary>
/// The lexical rules a placeholder scan needs to know for one database: which quotes open string literals and
/// quoted identifiers, how a quote is escaped inside them, and which comments exist. A <c>?</c> inside any of these
/// is text, not a placeholder.
/// </summary>
public sealed record SqlLexicon
{
    /// <summary>Quote characters that open a string literal; a doubled quote inside is always an escaped quote.</summary>
    public required string StringQuotes { get; init; }

    /// <summary>Opening and closing characters of quoted identifiers, as pairs: <c>""</c>, <c>``</c>, <c>[]</c>.</summary>
    public required string IdentifierQuotePairs { get; init; }

    /// <summary>A backslash escapes the next character inside every string literal (MySQL's default sql_mode).</summary>
    public bool BackslashEscapes { get; init; }

    /// <summary><c>E'…'</c> strings take backslash escapes, plain ones do not (PostgreSQL).</summary>
    public bool EscapeStringPrefix { get; init; }

    /// <summary><c>#</c> starts a comment to the end of the line (MySQL).</summary>
    public bool HashComments { get; init; }

    /// <summary><c>--</c> starts a comment only when followed by whitespace or the end (MySQL); else always.</summary>
    public bool DashCommentNeedsSpace { get; init; }

    /// <summary><c>/* /* */ */</c> nests (PostgreSQL, SQL Server); elsewhere the first <c>*/</c> ends the comment.</summary>
    public bool NestedBlockComments { get; init; }

    /// <summary><c>$$…$$</c> and <c>$tag$…$tag$</c> quote text (PostgreSQL).</summary>
    public bool DollarQuotes { get; init; }

    /// <summary><c>/*! … */</c> is code MySQL runs, not a comment.</summary>
    public bool ExecutableComments { get; init; }

    /// <summary>Standard SQL: '…' strings, "…" identifiers, -- and /* */ comments. The default of every dialect.</summary>
    public static readonly SqlLexicon Standard = new() { StringQuotes = "'", IdentifierQuotePairs = "\"\"" };

    /// <summary>SQLite also takes `…` and […] identifiers (for MySQL and SQL Server compatibility).</summary>
    public static readonly SqlLexicon Sqlite = new() { StringQuotes = "'", IdentifierQuotePairs = "\"\"``[]" };

    public static readonly SqlLexicon Postgres = new()
    {
        StringQuotes = "'", IdentifierQuotePairs = "\"\"", EscapeStringPrefix = true, NestedBlockComments = true, DollarQuotes = true,
    };

    /// <summary>MySQL and MariaDB with the default sql_mode: "…" is a string, `…` an identifier.</summary>
    public static readonly SqlLexicon MySql = new()
    {
        StringQuotes = "'\"", IdentifierQuotePairs = "``", BackslashEscapes = true, HashComments = true,
        DashCommentNeedsSpace = true, ExecutableComments = true,
    };

    public static readonly SqlLexicon SqlServer = new() { StringQuotes = "'", IdentifierQuotePairs = "\"\"[]", NestedBlockComments = true };
}
