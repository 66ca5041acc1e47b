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
                await RunStepAsync(target, source, step, config.DatabaseName, ct);
                var bookkeeping = map.ApplyStep(heads, step).Select(change => VersionSql(dialect, change)).ToList();
                bookkeeping.Add(history.Insert(step.Revision.Id, step.IsUpgrade ? "upgrade" : "downgrade",
                    AppliedHistory.Checksum(step.Revision), started, watch.ElapsedMilliseconds));
                await ExecuteBookkeepingAsync(target, bookkeeping, ct);
                if (perMigration && wrap) await target.CommitAsync(ct);
            }
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

    private static async Task RunStepAsync(ISqlTarget target, RevisionSource source, MigrationStep step, string databaseName, CancellationToken ct)
    {
        // Offline, a revision that provably only emits operations replays its cached SQL (see OfflineStatementCache).
        var cache = target.IsOffline ? source.OfflineCache : null;
        if (cache is not null && cache.TryGet(step.Revision.Id, step.IsUpgrade, out var replay))
        {
            await ExecuteStatementsAsync(target, step, replay, ct);
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
            await ExecuteStatementsAsync(target, step, statements, ct);
        }
        if (recorded is not null) cache!.Put(step.Revision.Id, step.IsUpgrade, recorded);
    }

    private static async Task ExecuteStatementsAsync(ISqlTarget target, MigrationStep step, IReadOnlyList<Dialects.SqlStatement> statements, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            try
            {
                if (statement.OutsideTransaction && target.InTransaction)
                {
                    // Some statements refuse to run in a transaction (CREATE INDEX CONCURRENTLY): commit what
                    // came before, run it alone, then carry on in a fresh transaction.
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
