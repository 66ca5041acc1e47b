using System.Globalization;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Graph;
using Retort.Scripting;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>
/// The applied-history table beside the version table: one row per applied, reverted or stamped step, with the
/// checksum of the revision file as it was, so that an edited applied revision can be reported.
/// </summary>
internal sealed class AppliedHistory(RetortConfig config, SqlDialect dialect)
{
    public string Table => config.VersionTable + "_history";

    public IReadOnlyList<SqlStatement> CreateTable() => dialect.Generate(new CreateTableOperation(Table,
    [
        new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
        new Column("revision", SqlType.String(32)) { Nullable = false },
        new Column("direction", SqlType.String(10)) { Nullable = false },
        new Column("checksum", SqlType.String(64)),
        new Column("applied_at", SqlType.DateTime()) { Nullable = false },
        new Column("duration_ms", SqlType.Integer()) { Nullable = false },
        new Column("applied_by", SqlType.String(255)),
        // The crash journal (RevisionJournal): started / done / failed / repaired / rerun, and how far it got.
        new Column("status", SqlType.String(10)),
        new Column("statements", SqlType.Integer()),
        new Column("completed", SqlType.Integer()),
    ]) { Schema = config.VersionTableSchema });

    /// <summary>A history row of a step that ran: status "done" with its statement count.</summary>
    public sealed record Row(string Revision, string Direction, string? Checksum, DateTime AppliedAtUtc, long DurationMs, int Statements);

    /// <summary>
    /// One history row. With <paramref name="statements"/> (a step that ran), status "done" and its statement count;
    /// without (stamp, accept), no status.
    /// </summary>
    public SqlStatement Insert(string revision, string direction, string? checksum, DateTime appliedAtUtc, long durationMs, int? statements = null) =>
        $"INSERT INTO {dialect.Qualify(Table, config.VersionTableSchema)} (revision, direction, checksum, applied_at, duration_ms, applied_by"
        + (statements is null ? "" : ", status, statements, completed") + ") VALUES ("
        + Values(revision, direction, checksum, appliedAtUtc, durationMs, statements) + ")";

    /// <summary>The history row of a step that ran.</summary>
    public SqlStatement Insert(Row r) => Insert(r.Revision, r.Direction, r.Checksum, r.AppliedAtUtc, r.DurationMs, r.Statements);

    /// <summary>Rows of steps that ran, in one INSERT: the same values <see cref="Insert(Row)"/> writes, row for row.</summary>
    public SqlStatement InsertMany(IReadOnlyList<Row> rows)
    {
        var sql = new System.Text.StringBuilder(rows.Count * 200);
        sql.Append($"INSERT INTO {dialect.Qualify(Table, config.VersionTableSchema)} (revision, direction, checksum, applied_at, duration_ms, applied_by, status, statements, completed) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            sql.Append(i == 0 ? "(" : ", (").Append(Values(r.Revision, r.Direction, r.Checksum, r.AppliedAtUtc, r.DurationMs, r.Statements)).Append(')');
        }
        return sql.ToString();
    }

    private string Values(string revision, string direction, string? checksum, DateTime appliedAtUtc, long durationMs, int? statements) =>
        $"{dialect.StringLiteral(revision)}, {dialect.StringLiteral(direction)}, {(checksum is null ? "NULL" : dialect.StringLiteral(checksum))}, "
        + $"{dialect.StringLiteral(appliedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}, {durationMs.ToString(CultureInfo.InvariantCulture)}, "
        + $"{dialect.StringLiteral(AppliedBy)}"
        + (statements is { } n ? $", '{RevisionJournal.Done}', {n.ToString(CultureInfo.InvariantCulture)}, {n.ToString(CultureInfo.InvariantCulture)}" : "");

    public SqlStatement Exists() => $"SELECT 1 FROM {dialect.Qualify(Table, config.VersionTableSchema)} WHERE 1 = 0";

    /// <summary>The newest upgrade row per revision: (revision, checksum, applied_at).</summary>
    public SqlStatement LatestUpgrades() =>
        $"SELECT h.revision, h.checksum, h.applied_at FROM {dialect.Qualify(Table, config.VersionTableSchema)} h "
        + $"WHERE h.id = (SELECT MAX(h2.id) FROM {dialect.Qualify(Table, config.VersionTableSchema)} h2 WHERE h2.revision = h.revision AND h2.direction = 'upgrade')";

    /// <summary>Every row, oldest first: (revision, direction, checksum, applied_at, applied_by, status).</summary>
    public SqlStatement AllRows(bool withStatus) =>
        $"SELECT revision, direction, checksum, applied_at, applied_by, {(withStatus ? "status" : "NULL")} FROM {dialect.Qualify(Table, config.VersionTableSchema)} ORDER BY id";

    // Read once: Environment.UserName looks the user up in the passwd database on every call (5000 revisions: 5000 lookups).
    private static readonly Lazy<string> AppliedByValue = new(() => $"{Environment.UserName}@{Environment.MachineName}");

    internal static string AppliedBy => AppliedByValue.Value;

    /// <summary>SHA-256 of the revision file with line endings and trailing spaces normalized; null without a file.</summary>
    public static string? Checksum(Revision revision)
    {
        if (revision.Checksum is not null) return revision.Checksum;
        if (revision.Path is null || !revision.Path.EndsWith(".cs", StringComparison.Ordinal) || !File.Exists(revision.Path)) return null;
        return ChecksumOf(File.ReadAllText(revision.Path));
    }

    public static string ChecksumOf(string source) => RevisionChecksum.Of(source);
}
