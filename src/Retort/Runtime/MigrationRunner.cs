using Retort.Configuration;
using Retort.Dialects;
using Retort.Graph;
using Retort.Scripting;

namespace Retort.Runtime;

/// <summary>
/// Runs a plan: for each step, the revision's operations as SQL, then the version-table change, inside the
/// transactions the dialect and configuration call for. The same code serves live databases and offline scripts.
/// </summary>
internal sealed class MigrationRunner(RetortConfig config, RevisionMap map, IMigrationLog log)
{
    /// <summary>For an offline run: the cached SQL of pure revisions, replayed without running them.</summary>
    public OfflineStatementCache? OfflineCache { get; init; }

    public async Task RunAsync(ISqlTarget target, RevisionSource source, ISet<string> heads, IReadOnlyList<MigrationStep> steps,
        TableState tables, CancellationToken ct)
    {
        var history = new AppliedHistory(config, target.Dialect);
        var dialect = target.Dialect;
        // Databases without transactional DDL commit each statement anyway; a transaction per step keeps the
        // version row in step with the last revision that completed.
        var transactionalDdl = target.Provider.Capabilities.TransactionalDdl;
        var perMigration = config.TransactionPerMigration || !transactionalDdl;
        var wrap = transactionalDdl || !target.IsOffline;

        if (!perMigration && wrap) await target.BeginAsync(ct);
        try
        {
            await EnsureTablesAsync(target, tables, ct);

            // One transaction for a live run: the version rows and history rows only need to be right when it
            // commits, so they are written once, as the net change of the version rows and multi-row history
            // INSERTs, not as two statements per revision (1000 revisions on SQLite: 2000 statements prepared and
            // run for bookkeeping next to 1000 for the revisions). A commit forced earlier by a statement that must
            // run outside a transaction writes what is pending first.
            var deferred = !perMigration && wrap && !target.IsOffline ? new DeferredBookkeeping(this, target, history, heads) : null;
            var run = System.Diagnostics.Stopwatch.StartNew();
            var done = 0;
            foreach (var step in steps)
            {
                ct.ThrowIfCancellationRequested();
                log.Progress(done++, steps.Count, step.Revision.Id, run.Elapsed);
                log.Info(step.ToString());
                if (target is OfflineTarget offline) offline.Comment(step.ToString());
                if (perMigration && wrap) await target.BeginAsync(ct);
                var started = DateTime.UtcNow;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await RunStepAsync(target, source, step, config.DatabaseName, deferred, OfflineCache, ct);
                var changes = map.ApplyStep(heads, step);
                var row = new HistoryRow(step.Revision.Id, step.IsUpgrade ? "upgrade" : "downgrade",
                    AppliedHistory.Checksum(step.Revision), started, watch.ElapsedMilliseconds);
                if (deferred is not null)
                {
                    deferred.Rows.Add(row);
                    continue;
                }
                var bookkeeping = changes.Select(change => VersionSql(dialect, change)).ToList();
                bookkeeping.Add(history.Insert(row.Revision, row.Direction, row.Checksum, row.AppliedAtUtc, row.DurationMs));
                await ExecuteBookkeepingAsync(target, bookkeeping, ct);
                if (perMigration && wrap) await target.CommitAsync(ct);
            }
            if (deferred is not null) await deferred.FlushAsync(ct);
            if (!perMigration && wrap) await target.CommitAsync(ct);
            log.ProgressDone();
        }
        catch (MigrationFailedException e) when (!transactionalDdl && !target.IsOffline)
        {
            log.ProgressDone();
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            throw e.WithNote($"{dialect.Name} has no transactional DDL: statements of {e.Step.Revision.Id} that ran before the failure stay applied, so it may be half-applied; the version table names the last revision that completed.");
        }
        catch
        {
            log.ProgressDone();
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The version-table and history statements of a step: one round trip online when the driver runs several
    /// statements in one command, otherwise (and in offline scripts) one statement at a time.
    /// </summary>
    private static async Task ExecuteBookkeepingAsync(ISqlTarget target, IReadOnlyList<SqlStatement> statements, CancellationToken ct)
    {
        if (target.IsOffline || !target.Provider.Capabilities.MultiStatementBatches)
        {
            foreach (var s in statements) await target.ExecuteAsync(s, ct);
            return;
        }
        await target.ExecuteAsync(string.Join(";\n", statements.Select(s => s.Sql)), ct);
    }

    /// <summary>Creates the version table and the applied-history table when they are missing.</summary>
    internal async Task EnsureTablesAsync(ISqlTarget target, TableState tables, CancellationToken ct)
    {
        if (!tables.VersionTable)
            foreach (var statement in target.Dialect.CreateVersionTable(config.VersionTable, config.VersionTableSchema))
                await target.ExecuteAsync(statement, ct);
        if (!tables.History)
            foreach (var statement in new AppliedHistory(config, target.Dialect).CreateTable())
                await target.ExecuteAsync(statement, ct);
    }

    /// <summary>A history row of a step, kept until the bookkeeping is written.</summary>
    internal sealed record HistoryRow(string Revision, string Direction, string? Checksum, DateTime AppliedAtUtc, long DurationMs);

    /// <summary>The bookkeeping of a one-transaction live run, written when the transaction is about to commit.</summary>
    private sealed class DeferredBookkeeping(MigrationRunner runner, ISqlTarget target, AppliedHistory history, ISet<string> heads)
    {
        private const int RowsPerInsert = 500;
        private HashSet<string> _written = new(heads, StringComparer.Ordinal); // the version rows the database has

        public List<HistoryRow> Rows { get; } = [];

        public async Task FlushAsync(CancellationToken ct)
        {
            var statements = new List<SqlStatement>();
            // Deletes before inserts: the version table's key never sees a revision twice.
            foreach (var gone in _written.Where(id => !heads.Contains(id)).Order(StringComparer.Ordinal))
                statements.Add(runner.VersionSql(target.Dialect, new DeleteVersion(gone)));
            foreach (var added in heads.Where(id => !_written.Contains(id)).Order(StringComparer.Ordinal))
                statements.Add(runner.VersionSql(target.Dialect, new InsertVersion(added)));
            for (var i = 0; i < Rows.Count; i += RowsPerInsert)
                statements.Add(history.InsertMany(Rows.Skip(i).Take(RowsPerInsert).ToList()));
            if (statements.Count > 0) await ExecuteBookkeepingAsync(target, statements, ct);
            _written = new HashSet<string>(heads, StringComparer.Ordinal);
            Rows.Clear();
        }
    }

    private static async Task RunStepAsync(ISqlTarget target, RevisionSource source, MigrationStep step, string databaseName,
        DeferredBookkeeping? deferred, OfflineStatementCache? offlineCache, CancellationToken ct)
    {
        // Offline, a revision that provably only emits operations replays its cached SQL (see OfflineStatementCache).
        var cache = target.IsOffline ? offlineCache : null;
        if (cache is not null && cache.TryGet(step.Revision.Id, step.IsUpgrade, out var replay))
        {
            await ExecuteStatementsAsync(target, step, replay, deferred, ct);
            return;
        }
        var recorded = cache is not null && cache.Wants(step.Revision.Id, step.IsUpgrade) ? new List<Dialects.SqlStatement>() : null;
        var operations = new Operations { Database = databaseName };
        var migration = source.Create(step.Revision);
        try
        {
            if (step.IsUpgrade) migration.Upgrade(operations);
            else migration.Downgrade(operations);
        }
        catch (Exception e) when (e is not RetortException)
        {
            throw new MigrationFailedException(step, null, e);
        }

        foreach (var operation in operations.Recorded)
        {
            IReadOnlyList<SqlStatement> statements;
            try { statements = await target.GenerateAsync(operation, ct); }
            catch (Exception e) when (e is not RetortException && e is not OperationCanceledException)
            {
                throw new MigrationFailedException(step, null, e);
            }
            recorded?.AddRange(statements);
            await ExecuteStatementsAsync(target, step, statements, deferred, ct);
        }
        if (recorded is not null) cache!.Put(step.Revision.Id, step.IsUpgrade, recorded);
    }

    private static async Task ExecuteStatementsAsync(ISqlTarget target, MigrationStep step, IReadOnlyList<Dialects.SqlStatement> statements,
        DeferredBookkeeping? deferred, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            try
            {
                if (statement.OutsideTransaction && target.InTransaction)
                {
                    // Some statements refuse to run in a transaction (CREATE INDEX CONCURRENTLY): commit what
                    // came before, run it alone, then carry on in a fresh transaction.
                    if (deferred is not null) await deferred.FlushAsync(ct);
                    await target.CommitAsync(ct);
                    await target.ExecuteAsync(statement, ct);
                    await target.BeginAsync(ct);
                }
                else
                {
                    await target.ExecuteAsync(statement, ct);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                throw new MigrationFailedException(step, statement.Sql, e);
            }
        }
    }

    internal SqlStatement VersionSql(SqlDialect dialect, VersionChange change) => change switch
    {
        InsertVersion i => dialect.InsertVersion(config.VersionTable, config.VersionTableSchema, i.Id),
        UpdateVersion u => dialect.UpdateVersion(config.VersionTable, config.VersionTableSchema, u.From, u.To),
        DeleteVersion d => dialect.DeleteVersion(config.VersionTable, config.VersionTableSchema, d.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };
}

/// <summary>Which of Retort's own tables already exist in the database.</summary>
internal sealed record TableState(bool VersionTable, bool History)
{
    public static readonly TableState None = new(false, false);
    public static readonly TableState Both = new(true, true);
}

/// <summary>A revision failed: names the revision, the statement, and the database's own message.</summary>
public sealed class MigrationFailedException(MigrationStep step, string? statement, Exception inner, string? note = null)
    : RetortException(Describe(step, statement, inner) + (note is null ? "" : " " + note), inner)
{
    internal MigrationFailedException WithNote(string text) => new(Step, Statement, InnerException!, text);

    public MigrationStep Step { get; } = step;

    public string? Statement { get; } = statement;

    private static string Describe(MigrationStep step, string? statement, Exception inner) =>
        $"{(step.IsUpgrade ? "Upgrade" : "Downgrade")} of revision {step.Revision.Id} ({step.Revision.Message}) failed"
        + (statement is null ? "" : $" at statement: {OneLine(statement)}")
        + $": {inner.Message.Trim()}";

    private static string OneLine(string sql)
    {
        var flat = string.Join(" ", sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
