using System.Globalization;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>
/// The crash journal in the applied-history table: a revision that cannot run in one transaction (DDL on a database
/// without transactional DDL, or a statement that refuses transactions) gets its history row first, with status
/// "started" and its statement count, then the number of statements completed after each one that commits on its
/// own, and "done" in the same transaction as its version row. A row left "started" after a crash says which
/// revision was interrupted and how far it got.
/// </summary>
internal sealed class RevisionJournal(RetortConfig config, SqlDialect dialect)
{
    public const string Started = "started";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Repaired = "repaired";
    public const string Rerun = "rerun";

    /// <summary>The database the revisions run on (op.Database in multi-database setups).</summary>
    public string DatabaseName => config.DatabaseName;

    private string Table => dialect.Qualify(config.VersionTable + "_history", config.VersionTableSchema);

    private string HistoryName => config.VersionTable + "_history";

    /// <summary>The columns the journal adds to a history table created by an earlier Retort.</summary>
    public IReadOnlyList<SqlStatement> AddColumns() =>
    [
        .. dialect.Generate(new AddColumnOperation(HistoryName, new Column("status", SqlType.String(10))) { Schema = config.VersionTableSchema }),
        .. dialect.Generate(new AddColumnOperation(HistoryName, new Column("statements", SqlType.Integer())) { Schema = config.VersionTableSchema }),
        .. dialect.Generate(new AddColumnOperation(HistoryName, new Column("completed", SqlType.Integer())) { Schema = config.VersionTableSchema }),
    ];

    /// <summary>Succeeds when the history table has the journal's columns.</summary>
    public SqlStatement ColumnsExist() => $"SELECT status, statements, completed FROM {Table} WHERE 1 = 0";

    /// <summary>The history row of a revision about to run: status "started", nothing completed yet.</summary>
    public SqlStatement Start(string revision, string direction, string? checksum, DateTime startedUtc, int statements) =>
        $"INSERT INTO {Table} (revision, direction, checksum, applied_at, duration_ms, applied_by, status, statements, completed) VALUES ("
        + $"{dialect.StringLiteral(revision)}, {dialect.StringLiteral(direction)}, {(checksum is null ? "NULL" : dialect.StringLiteral(checksum))}, "
        + $"{dialect.StringLiteral(startedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}, 0, "
        + $"{dialect.StringLiteral(AppliedHistory.AppliedBy)}, '{Started}', {statements.ToString(CultureInfo.InvariantCulture)}, 0)";

    public SqlStatement Progress(string revision, int completed) =>
        $"UPDATE {Table} SET completed = {completed.ToString(CultureInfo.InvariantCulture)} WHERE revision = {dialect.StringLiteral(revision)} AND status = '{Started}'";

    /// <summary>Progress that also corrects the statement count: a SQLite table rebuild's statements are counted when generated.</summary>
    public SqlStatement Progress(string revision, int completed, int statements) =>
        $"UPDATE {Table} SET completed = {completed.ToString(CultureInfo.InvariantCulture)}, statements = {statements.ToString(CultureInfo.InvariantCulture)} "
        + $"WHERE revision = {dialect.StringLiteral(revision)} AND status = '{Started}'";

    /// <summary>Marks the started row done; run in the transaction that also changes the version row.</summary>
    public SqlStatement Finish(string revision, long durationMs) =>
        $"UPDATE {Table} SET status = '{Done}', completed = statements, duration_ms = {durationMs.ToString(CultureInfo.InvariantCulture)} "
        + $"WHERE revision = {dialect.StringLiteral(revision)} AND status = '{Started}'";

    /// <summary>A statement failed: <paramref name="completed"/> statements before it stay applied (committed).</summary>
    public SqlStatement Fail(string revision, int completed) =>
        $"UPDATE {Table} SET status = '{Failed}', completed = {completed.ToString(CultureInfo.InvariantCulture)} "
        + $"WHERE revision = {dialect.StringLiteral(revision)} AND status = '{Started}'";

    /// <summary>Closes a started row without applying: <see cref="Repaired"/> (by hand) or <see cref="Rerun"/> (idempotent).</summary>
    public SqlStatement Close(string revision, string status) =>
        $"UPDATE {Table} SET status = '{status}' WHERE revision = {dialect.StringLiteral(revision)} AND {Unfinished}";

    /// <summary>
    /// Rows of revisions left part-applied - started and never finished, or failed after some statements committed:
    /// (revision, direction, applied_at, applied_by, statements, completed, status).
    /// </summary>
    public SqlStatement SelectUnfinished() =>
        $"SELECT revision, direction, applied_at, applied_by, statements, completed, status FROM {Table} WHERE {Unfinished} ORDER BY id";

    private static string Unfinished => $"(status = '{Started}' OR (status = '{Failed}' AND completed > 0))";
}
