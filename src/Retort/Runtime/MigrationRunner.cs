using Retort.Configuration;
using Retort.Dialects;
using Retort.Graph;
using Retort.Ops;
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

    // The actions of op.Run, keyed by the placeholder statement that stands for each in a step's statement list.
    private readonly Dictionary<SqlStatement, RunOperation> _actions = new(ReferenceEqualityComparer.Instance);

    // Set for a run that is one transaction on a database with transactional DDL (see DeferredBookkeeping).
    private DeferredBookkeeping? _deferred;

    public async Task RunAsync(ISqlTarget target, RevisionSource source, ISet<string> heads, IReadOnlyList<MigrationStep> steps,
        TableState tables, CancellationToken ct)
    {
        var history = new AppliedHistory(config, target.Dialect);
        var journal = new RevisionJournal(config, target.Dialect);
        var dialect = target.Dialect;
        // Databases without transactional DDL commit each statement anyway; a transaction per step keeps the
        // version row in step with the last revision that completed.
        var transactionalDdl = target.Provider.Capabilities.TransactionalDdl;
        var perMigration = config.TransactionPerMigration || !transactionalDdl;
        var wrap = transactionalDdl || !target.IsOffline;
        var state = new StepJournal();
        // One transaction on a database with transactional DDL is atomic: the crash journal and per-revision version
        // and history writes add nothing to it, so they are collected and written once, at commit.
        _deferred = !perMigration && transactionalDdl && !target.IsOffline
            ? new DeferredBookkeeping(change => VersionSql(dialect, change), history)
            : null;
        var readsDatabase = !target.IsOffline && GenerationReadsDatabase(dialect);

        // A read-only file refuses even the BEGIN: named as the first revision's failure.
        if (!perMigration && wrap && steps.Count > 0) await RecordStepAsync(steps[0], target.BeginAsync(ct), "BEGIN");
        else if (!perMigration && wrap) await target.BeginAsync(ct);
        try
        {
            await EnsureTablesAsync(target, tables, ct);

            var run = System.Diagnostics.Stopwatch.StartNew();
            var done = 0;
            foreach (var step in steps)
            {
                ct.ThrowIfCancellationRequested();
                log.Progress(done++, steps.Count, step.Revision.Id, run.Elapsed);
                log.Info(step.ToString());
                if (target is OfflineTarget offline) offline.Comment(step.ToString());
                if (perMigration && wrap) await RecordStepAsync(step, target.BeginAsync(ct), "BEGIN");
                var started = DateTime.UtcNow;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                state = new StepJournal();
                var count = await RunStepAsync(target, source, step, journal, state, started, target.IsOffline ? OfflineCache : null, readsDatabase, ct);
                var changes = map.ApplyStep(heads, step);
                if (_deferred is not null && !state.Active)
                {
                    _deferred.Add(changes, HistoryRow(step, started, watch.ElapsedMilliseconds, count));
                }
                else
                {
                    var bookkeeping = changes.Select(change => VersionSql(dialect, change)).ToList();
                    // Journaled: the started row becomes done in the transaction that moves the version row.
                    bookkeeping.Add(state.Active
                        ? journal.Finish(step.Revision.Id, watch.ElapsedMilliseconds)
                        : history.Insert(HistoryRow(step, started, watch.ElapsedMilliseconds, count)));
                    await RecordStepAsync(step, ExecuteBookkeepingAsync(target, bookkeeping, ct), bookkeeping[0].Sql);
                }
                if (perMigration && wrap) await RecordStepAsync(step, target.CommitAsync(ct), "COMMIT");
                state = new StepJournal();
            }
            await CommitRunAsync(target, steps, commitRun: !perMigration && wrap, ct);
            log.ProgressDone();
        }
        catch (MigrationFailedException e) when (state.Active)
        {
            // Part of the revision committed on its own: roll back the rest, record how far it got, say so.
            log.ProgressDone();
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            // A lock timeout before any statement committed changed nothing: the next upgrade simply runs it again.
            await RecordFailureAsync(target, e.LockTimedOut && state.Committed == 0
                ? journal.Close(e.Step.Revision.Id, RevisionJournal.Rerun)
                : journal.Fail(e.Step.Revision.Id, state.Committed));
            throw e.WithNote(state.Committed == 0
                ? $"None of its {state.Total} statements stayed applied; the version table names the last revision that completed."
                : $"{state.Committed} of its {state.Total} statements ran before the failure and stay applied ({(transactionalDdl ? "they commit on their own" : $"{dialect.Name} has no transactional DDL")}), " +
                  $"so it is half-applied; the version table names the last revision that completed. Undo them by hand, then run 'retort repair'; " +
                  "or, if running it again is safe, declare it [Revision(..., Idempotent = true)].");
        }
        catch (MigrationFailedException e) when (!transactionalDdl && !target.IsOffline)
        {
            log.ProgressDone();
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            throw e.WithNote($"{dialect.Name} has no transactional DDL, but this revision only changes rows, and those were rolled back; the version table names the last revision that completed.");
        }
        catch
        {
            log.ProgressDone();
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>After a failure: the started row says failed, with the statements that committed, or is closed when nothing was (best effort).</summary>
    private static async Task RecordFailureAsync(ISqlTarget target, SqlStatement journalRow)
    {
        try { await target.ExecuteAsync(journalRow, CancellationToken.None); }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The connection is gone: the row stays "started", which the next run reports the same way.
        }
    }

    private static AppliedHistory.Row HistoryRow(MigrationStep step, DateTime startedUtc, long durationMs, int statements) =>
        new(step.Revision.Id, Direction(step), AppliedHistory.Checksum(step.Revision), startedUtc, durationMs, statements);

    private static string Direction(MigrationStep step) => step.IsUpgrade ? "upgrade" : "downgrade";

    /// <summary>
    /// A step's transaction start, version row, history row or commit: a failure there (disk full, read-only file)
    /// is the step's, named with the statement, so that the message says which revision it stopped at.
    /// </summary>
    private static async Task RecordStepAsync(MigrationStep step, Task recording, string statement)
    {
        try { await recording; }
        catch (System.Data.Common.DbException e) { throw new MigrationFailedException(step, statement, e); }
    }

    /// <summary>The end of a run: the deferred bookkeeping and the run's one transaction, named when they fail.</summary>
    private async Task CommitRunAsync(ISqlTarget target, IReadOnlyList<MigrationStep> steps, bool commitRun, CancellationToken ct)
    {
        try
        {
            await FlushDeferredAsync(target, ct);
            if (commitRun) await target.CommitAsync(ct);
        }
        catch (System.Data.Common.DbException e) when (steps.Count > 0)
        {
            var last = steps[^1];
            throw new RetortException(
                $"Recording the run ({steps.Count} revision(s), the last {last.Revision.Id} ({last.Revision.Message})) in the version table failed: " +
                $"{MigrationFailedException.Cause(e)} It was one transaction: none of it stays applied.", e);
        }
    }

    /// <summary>Writes the collected bookkeeping; called at commit and before anything commits in the middle of a run.</summary>
    private async Task FlushDeferredAsync(ISqlTarget target, CancellationToken ct)
    {
        if (_deferred is null || _deferred.IsEmpty) return;
        await ExecuteBookkeepingAsync(target, _deferred.Drain(), ct);
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
        try { await CreateTablesAsync(target, tables, ct); }
        catch (System.Data.Common.DbException e)
        {
            throw new RetortException($"Creating the version table {config.VersionTable} failed before any revision ran: {MigrationFailedException.Cause(e)}", e);
        }
    }

    private async Task CreateTablesAsync(ISqlTarget target, TableState tables, CancellationToken ct)
    {
        if (!tables.VersionTable)
            foreach (var statement in target.Dialect.CreateVersionTable(config.VersionTable, config.VersionTableSchema))
                await target.ExecuteAsync(statement, ct);
        if (!tables.History)
            foreach (var statement in new AppliedHistory(config, target.Dialect).CreateTable())
                await target.ExecuteAsync(statement, ct);
        else if (!tables.Journal)
            foreach (var statement in new RevisionJournal(config, target.Dialect).AddColumns())
                await target.ExecuteAsync(statement, ct);
    }

    /// <summary>Runs one step's statements; returns how many. Fills <paramref name="state"/> when the step is journaled.</summary>
    private async Task<int> RunStepAsync(ISqlTarget target, RevisionSource source, MigrationStep step, RevisionJournal journal,
        StepJournal state, DateTime startedUtc, OfflineStatementCache? offlineCache, bool readsDatabase, CancellationToken ct)
    {
        // Offline, a revision that provably only emits operations replays its cached SQL (see OfflineStatementCache).
        if (offlineCache is not null && offlineCache.TryGet(step.Revision.Id, step.IsUpgrade, out var replay))
        {
            foreach (var statement in replay) await ExecuteAsync(target, step, statement, ct);
            return replay.Count;
        }
        var operations = new Operations
        {
            Database = journal.DatabaseName, IsOffline = target.IsOffline, Dialect = target.Provider.Name,
            Naming = config.NamingConvention.Limited(target.Provider.Capabilities.MaxNameLength),
        };
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
        if (target.IsOffline && operations.Recorded.Any(o => o is RunOperation))
            throw new MigrationFailedException(step, null, new RetortException(
                "it calls op.Run, which needs a live database, and an offline script has none; " +
                "give the revision an offline alternative (if (op.IsOffline) op.Execute(…) else op.Run(…)) or run it online"));

        if (readsDatabase) return await RunGeneratingAsync(target, step, operations.Recorded, journal, state, startedUtc, ct);

        var statements = new List<SqlStatement>();
        foreach (var operation in operations.Recorded) statements.AddRange(await GenerateAsync(target, step, operation, ct));
        var transactionalDdl = target.Provider.Capabilities.TransactionalDdl;
        // An op.Run action stays in the revision's transaction, as a data change does.
        bool CommitsAlone(SqlStatement s) => s.OutsideTransaction
            || (!transactionalDdl && !_actions.ContainsKey(s) && !SqlStatementKind.IsRowStatement(s.Sql, target.Dialect.Lexicon));
        if (target.IsOffline || !statements.Any(CommitsAlone))
        {
            foreach (var statement in statements) await ExecuteAsync(target, step, statement, ct);
            // Cached only once they rendered: a statement that fails (e.g. a placeholder count) fails the same way next time.
            if (offlineCache is not null && offlineCache.Wants(step.Revision.Id, step.IsUpgrade)) offlineCache.Put(step.Revision.Id, step.IsUpgrade, statements);
            return statements.Count;
        }

        // Journaled: part of this revision will commit before the rest runs. The history row comes first, then after
        // each statement that commits on its own the count of completed statements; rows changed in between commit
        // with that count, and the last ones with the version row and "done".
        await StartJournalAsync(target, step, journal, state, startedUtc, statements.Count, ct);
        for (var k = 0; k < statements.Count; k++)
        {
            if (CommitsAlone(statements[k])) await RunAloneAsync(target, step, journal, state, statements[k], k, last: k == statements.Count - 1, ct);
            else await ExecuteAsync(target, step, statements[k], ct);
        }
        return statements.Count;
    }

    /// <summary>A journaled step begins: its history row "started" with the statement count, after what the run collected so far.</summary>
    private async Task StartJournalAsync(ISqlTarget target, MigrationStep step, RevisionJournal journal, StepJournal state,
        DateTime startedUtc, int total, CancellationToken ct)
    {
        await FlushDeferredAsync(target, ct);
        await target.ExecuteAsync(journal.Start(step.Revision.Id, Direction(step), AppliedHistory.Checksum(step.Revision), startedUtc, total), ct);
        state.Active = true;
        state.Total = total;
    }

    /// <summary>
    /// A journaled statement that commits on its own: the count of completed statements (and the statement count, which
    /// a SQLite rebuild can have grown) commits with what ran before it, it runs alone, then the count includes it
    /// (not after the last one: "done" follows with the version row), and a fresh transaction carries on.
    /// </summary>
    private async Task RunAloneAsync(ISqlTarget target, MigrationStep step, RevisionJournal journal, StepJournal state,
        SqlStatement statement, int completed, bool last, CancellationToken ct)
    {
        var id = step.Revision.Id;
        await target.ExecuteAsync(journal.Progress(id, completed, state.Total), ct);
        await target.CommitAsync(ct);
        state.Committed = completed;
        await ExecuteAsync(target, step, statement, ct);
        if (!last)
        {
            await target.ExecuteAsync(journal.Progress(id, completed + 1), ct);
            state.Committed = completed + 1;
        }
        await target.BeginAsync(ct);
    }

    /// <summary>
    /// SQLite online: a table rebuild reads the table as the previous statement left it, so its statements are generated
    /// as they run. A revision with a statement that refuses transactions (which commits what came before it) is still
    /// journaled: operations that read nothing are generated up front, which finds those statements (a rebuild never
    /// yields one) and counts everything but the rebuilds; each rebuild adds its statements to the count when it is
    /// generated, and the count committed with each progress write is corrected to match. So the started row's count
    /// is exact when the revision has no rebuild after its first statement that commits alone, and otherwise grows to
    /// the exact count as the rebuilds are generated.
    /// </summary>
    private async Task<int> RunGeneratingAsync(ISqlTarget target, MigrationStep step, IReadOnlyList<MigrationOperation> operations,
        RevisionJournal journal, StepJournal state, DateTime startedUtc, CancellationToken ct)
    {
        var planned = new IReadOnlyList<SqlStatement>?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
            if (!target.Dialect.ReadsDatabase(operations[i])) planned[i] = await GenerateAsync(target, step, operations[i], ct);
        var journaled = planned.Any(p => p is not null && p.Any(s => s.OutsideTransaction));
        if (journaled) await StartJournalAsync(target, step, journal, state, startedUtc, planned.Sum(p => p?.Count ?? 0), ct);
        var count = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var statements = planned[i] ?? await GenerateAsync(target, step, operations[i], ct);
            if (journaled && planned[i] is null) state.Total += statements.Count;
            foreach (var statement in statements)
            {
                // Not "last": a rebuild generated later may still follow.
                if (journaled && statement.OutsideTransaction) await RunAloneAsync(target, step, journal, state, statement, count, last: false, ct);
                else await ExecuteAsync(target, step, statement, ct);
                count++;
            }
        }
        // The count as generated, in the transaction that marks the row done (which sets completed to it).
        if (journaled) await target.ExecuteAsync(journal.Progress(step.Revision.Id, state.Committed, state.Total), ct);
        return count;
    }

    private async Task<IReadOnlyList<SqlStatement>> GenerateAsync(ISqlTarget target, MigrationStep step, MigrationOperation operation, CancellationToken ct)
    {
        if (operation is RunOperation run)
        {
            // A placeholder statement in the step's list, so that the action runs in its place and counts in the journal.
            var placeholder = new SqlStatement("-- op.Run");
            _actions[placeholder] = run;
            return [placeholder];
        }
        try { return await target.GenerateAsync(operation, ct); }
        catch (Exception e) when (e is not RetortException && e is not OperationCanceledException)
        {
            throw new MigrationFailedException(step, null, e);
        }
    }

    private async Task ExecuteAsync(ISqlTarget target, MigrationStep step, SqlStatement statement, CancellationToken ct)
    {
        if (_actions.Remove(statement, out var run))
        {
            await RunActionAsync((OnlineTarget)target, step, run, ct);
            return;
        }
        try
        {
            if (statement.OutsideTransaction && target.InTransaction)
            {
                // Some statements refuse to run in a transaction (CREATE INDEX CONCURRENTLY): commit what
                // came before (with its bookkeeping), run it alone, then carry on in a fresh transaction.
                await FlushDeferredAsync(target, ct);
                await target.CommitAsync(ct);
                await RunStatementAsync(target, statement, ct);
                await target.BeginAsync(ct);
            }
            else
            {
                await RunStatementAsync(target, statement, ct);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or PlaceholderCountException)
        {
            if (LockWait(target, statement) is { } wait && target.Provider.IsLockTimeout(e))
                throw new MigrationFailedException(step, statement.Sql, e, wait.Describe(target.Dialect, statement.Sql)) { LockTimedOut = true };
            throw new MigrationFailedException(step, statement.Sql, e);
        }
    }

    /// <summary>A revision's DDL statement runs under ddl_lock_timeout when one is configured (row statements do not).</summary>
    private Task RunStatementAsync(ISqlTarget target, SqlStatement statement, CancellationToken ct) =>
        LockWait(target, statement) is { } wait ? wait.RunAsync(target, statement, ct) : target.ExecuteAsync(statement, ct);

    private DdlLockWait? LockWait(ISqlTarget target, SqlStatement statement) =>
        config.DdlLockTimeout is { } timeout && !target.IsOffline && target.Dialect.LockTimeoutSetting is not null
        && !SqlStatementKind.IsRowStatement(statement.Sql, target.Dialect.Lexicon)
            ? new DdlLockWait(timeout, config.DdlLockRetries, log)
            : null;

    private static async Task RunActionAsync(OnlineTarget target, MigrationStep step, RunOperation run, CancellationToken ct)
    {
        try { await run.Action(new OnlineRevisionDatabase(target, ct), ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new MigrationFailedException(step, "op.Run", e);
        }
    }

    /// <summary>Whether the provider's SQL for an operation depends on the live table (it overrides GenerateAsync).</summary>
    private static bool GenerationReadsDatabase(SqlDialect dialect) =>
        dialect.GetType().GetMethod(nameof(SqlDialect.GenerateAsync))!.DeclaringType != typeof(SqlDialect);

    internal SqlStatement VersionSql(SqlDialect dialect, VersionChange change) => change switch
    {
        InsertVersion i => dialect.InsertVersion(config.VersionTable, config.VersionTableSchema, i.Id),
        UpdateVersion u => dialect.UpdateVersion(config.VersionTable, config.VersionTableSchema, u.From, u.To),
        DeleteVersion d => dialect.DeleteVersion(config.VersionTable, config.VersionTableSchema, d.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };
}

/// <summary>Which of Retort's own tables already exist in the database, and whether the history has the journal's columns.</summary>
internal sealed record TableState(bool VersionTable, bool History, bool Journal)
{
    public static readonly TableState None = new(false, false, false);
    public static readonly TableState Both = new(true, true, true);
}

/// <summary>A step run under the crash journal: its statement count and how many have committed so far.</summary>
internal sealed class StepJournal
{
    public bool Active { get; set; }

    public int Total { get; set; }

    public int Committed { get; set; }
}

/// <summary>A revision failed: names the revision, the statement, and the database's own message.</summary>
public sealed class MigrationFailedException(MigrationStep step, string? statement, Exception inner, string? note = null)
    : RetortException(WithSentenceEnd(Describe(step, statement, inner), note) + (note is null ? "" : " " + note), inner)
{
    /// <summary>Adds to the note (the lock a ddl_lock_timeout failure could not get stays in front).</summary>
    internal MigrationFailedException WithNote(string text) => new(Step, Statement, InnerException!, Note is null ? text : Note + " " + text) { LockTimedOut = LockTimedOut };

    public MigrationStep Step { get; } = step;

    public string? Note { get; } = note;

    /// <summary>The statement gave up waiting for its lock (ddl_lock_timeout): it did nothing.</summary>
    public bool LockTimedOut { get; init; }

    public string? Statement { get; } = statement;

    /// <summary>A note starts a new sentence: a driver message without a full stop gets one.</summary>
    private static string WithSentenceEnd(string text, string? note) => note is null || text.EndsWith('.') ? text : text + ".";

    private static string Describe(MigrationStep step, string? statement, Exception inner) =>
        $"{(step.IsUpgrade ? "Upgrade" : "Downgrade")} of revision {step.Revision.Id} ({step.Revision.Message}) failed"
        + (statement is null ? "" : $" at statement: {OneLine(statement)}")
        + $": {Cause(inner)}";

    /// <summary>
    /// The driver's message and those of the exceptions under it: MySqlConnector says only "Failed to read the result
    /// set" and puts the cause (the server ended the connection) in its inner exception.
    /// </summary>
    internal static string Cause(Exception inner)
    {
        var text = inner.Message.Trim();
        for (var e = inner.InnerException; e is not null; e = e.InnerException)
            if (e.Message.Trim() is { Length: > 0 } more && !text.Contains(more, StringComparison.Ordinal))
                text = text.TrimEnd('.') + ": " + more;
        return text;
    }

    private static string OneLine(string sql)
    {
        var flat = string.Join(" ", sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
