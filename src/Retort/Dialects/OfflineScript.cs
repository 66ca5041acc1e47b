namespace Retort.Dialects;

/// <summary>
/// How an offline (<c>--sql</c>) script is spelled for one database so that its own client runs it: the transaction
/// statements, a batch separator written after each statement (SQL Server's GO), and lines written first.
/// </summary>
public record OfflineScript
{
    public static readonly OfflineScript Default = new();

    public string BeginTransaction { get; init; } = "BEGIN;";

    public string Commit { get; init; } = "COMMIT;";

    /// <summary>Written on its own line after each statement, e.g. "GO"; null for none.</summary>
    public string? BatchSeparator { get; init; }

    /// <summary>
    /// For clients that split a script at every ';' (mariadb): a statement with a ';' of its own (a routine's or
    /// trigger's BEGIN … END body) is written between <c>DELIMITER</c> lines with this delimiter. Null: never.
    /// </summary>
    public string? BodyDelimiter { get; init; }

    /// <summary>Lines written at the top of every script (e.g. a SET statement the client needs); none by default.</summary>
    public IReadOnlyList<string> Preamble { get; init; } = [];
}
