using Retort.Configuration;
using Retort.Graph;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Commands;

/// <summary>What an online upgrade or downgrade did to one database: its revisions before and after, and the steps run.</summary>
public sealed record MigrationOutcome(string Database, IReadOnlyList<string> From, IReadOnlyList<string> To, int Steps);

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort upgrade TARGET</c>; with <paramref name="sql"/>, <c>[from:]to</c> printed as a script. Online, returns
    /// where each database was and is now.
    /// </summary>
    public Task<IReadOnlyList<MigrationOutcome>> UpgradeAsync(string target, bool sql = false, CancellationToken ct = default) =>
        MigrateAsync(target, upgrade: true, sql, ct);

    /// <summary><c>retort downgrade TARGET</c>; offline it needs <c>from:to</c>.</summary>
    public Task<IReadOnlyList<MigrationOutcome>> DowngradeAsync(string target, bool sql = false, CancellationToken ct = default) =>
        MigrateAsync(target, upgrade: false, sql, ct);

    private async Task<IReadOnlyList<MigrationOutcome>> MigrateAsync(string target, bool upgrade, bool sql, CancellationToken ct)
    {
        var map = Map;
        if (!sql && target.Contains(':'))
            throw new RetortException("A range (from:to) is only allowed with --sql; online the start is the database's current revision.");
        var source = PrepareSource(offline: sql, revisionsNeeded: true);
        var outcomes = new List<MigrationOutcome>();
        foreach (var config in Config.PerDatabase())
        {
            if (Config.ExtraDatabases.Count > 0) Log.Info($"Migrating database {config.DatabaseName}");
            if (sql) await MigrateOfflineAsync(config, map, source, target, upgrade, ct);
            else outcomes.Add(await MigrateOnlineAsync(config, map, source, target, upgrade, ct));
        }
        return outcomes;
    }

    private async Task MigrateOfflineAsync(RetortConfig config, RevisionMap map, RevisionSource source, string target, bool upgrade, CancellationToken ct)
    {
        var (from, to) = SplitRange(target, upgrade);
        var heads = from is null ? new HashSet<string>() : map.Resolve(from).Select(r => r.Id).ToHashSet();
        var steps = upgrade ? map.PlanUpgrade(heads, to) : map.PlanDowngrade(heads, to);
        var offline = new OfflineTarget(config.ResolveDatabase().Provider, Output);
        if (Config.ExtraDatabases.Count > 0) offline.Comment($"Database: {config.DatabaseName}");
        var cache = Config.RevisionAssembly is null ? OfflineStatementCache.Open(Scripts, source, config, offline.Dialect) : null;
        await new MigrationRunner(config, map, Log) { OfflineCache = cache }
            .RunAsync(offline, source, heads, steps, from is null ? TableState.None : TableState.Both, ct);
        cache?.Save();
    }

    private async Task<MigrationOutcome> MigrateOnlineAsync(RetortConfig config, RevisionMap map, RevisionSource source, string target, bool upgrade, CancellationToken ct)
    {
        await using var session = await OpenForWritingAsync(config, ct);
        LogContext(session);
        // Heads are read under the lock: a process that waited must see what the one before it applied.
        await using var held = await session.LockAsync(Log, ct);
        var tables = await session.ReadTableStateAsync(ct);
        var current = tables.VersionTable ? await session.ReadHeadsAsync(ct) : [];
        (map, current) = await ResolveReplacedAsync(session, map, current, ct);
        CheckKnown(map, current, session);
        CheckConsistent(map, current);
        if (tables.Journal) await CheckInterruptedAsync(map, source, session, ct);
        var plan = upgrade ? map.PlanUpgrade(current, target) : map.PlanDowngrade(current, target);
        if (upgrade) await WarnChangedAsync(map, current, session, ct);
        var headSet = current.ToHashSet(StringComparer.Ordinal);
        await new MigrationRunner(config, map, Log).RunAsync(session.Target, source, headSet, plan, tables, ct);
        return new MigrationOutcome(config.DatabaseName, current, headSet.Order(StringComparer.Ordinal).ToList(), plan.Count);
    }

    /// <summary><c>retort stamp REV...</c>: version rows without running any revision.</summary>
    public async Task StampAsync(IReadOnlyList<string> targets, bool purge = false, bool sql = false, CancellationToken ct = default)
    {
        var map = Map;
        if (targets.Count == 0) throw new RetortException("stamp needs at least one revision (e.g. head, base or an id).");
        PrepareSource(offline: sql, revisionsNeeded: false);
        foreach (var config in Config.PerDatabase())
        {
            if (sql)
            {
                await WriteStampAsync(config, new OfflineTarget(config.ResolveDatabase().Provider, Output), map, [], targets, purge, TableState.None, ct);
                continue;
            }
            await using var session = await OpenForWritingAsync(config, ct);
            LogContext(session);
            await using var held = await session.LockAsync(Log, ct);
            var tables = await session.ReadTableStateAsync(ct);
            var current = tables.VersionTable ? await session.ReadHeadsAsync(ct) : [];
            var stampMap = map;
            if (!purge) (stampMap, current) = await ResolveReplacedAsync(session, map, current, ct);
            if (!purge) CheckKnown(stampMap, current, session);
            // A stamp is the way out after finishing an interrupted revision by hand: its record is closed.
            foreach (var row in tables.Journal ? await ReadInterruptedAsync(session, ct) : [])
            {
                await session.Target.ExecuteAsync(new RevisionJournal(config, session.Dialect).Close(row.Revision, RevisionJournal.Repaired), ct);
                Log.Warning($"Closed the unfinished {row.Direction} of {Describe(map, row.Revision)} ({row.Completed} of {row.Statements} statements completed): the stamp decides what is applied.");
            }
            await WriteStampAsync(config, session.Target, stampMap, current, targets, purge, tables, ct);
        }
    }

    private async Task WriteStampAsync(RetortConfig config, ISqlTarget target, RevisionMap map, IReadOnlyList<string> current, IReadOnlyList<string> targets,
        bool purge, TableState tables, CancellationToken ct)
    {
        var steps = map.PlanStamp(current, targets, purge);
        var history = new AppliedHistory(config, target.Dialect);
        var dialect = target.Dialect;
        var runner = new MigrationRunner(config, map, Log);
        var wrap = target.Provider.Capabilities.TransactionalDdl || !target.IsOffline;
        if (wrap) await target.BeginAsync(ct);
        try
        {
            await runner.EnsureTablesAsync(target, tables, ct);
            if (purge) await target.ExecuteAsync(dialect.DeleteAllVersions(config.VersionTable, config.VersionTableSchema), ct);
            var heads = new HashSet<string>(purge ? [] : current, StringComparer.Ordinal);
            foreach (var step in steps)
            {
                Log.Info(step.ToString());
                foreach (var change in step.Changes)
                {
                    await target.ExecuteAsync(runner.VersionSql(dialect, change), ct);
                    switch (change)
                    {
                        case InsertVersion i: heads.Add(i.Id); break;
                        case UpdateVersion u: heads.Remove(u.From); heads.Add(u.To); break;
                        case DeleteVersion d: heads.Remove(d.Id); break;
                    }
                }
            }
            // The history tells the whole truth: one row per revision the stamp marks applied or not applied, so
            // that it alone can say which revisions are applied (verify relies on it once files are removed).
            var before = Applied(map, current);
            var after = Applied(map, heads.ToList());
            foreach (var id in before.Where(id => !after.Contains(id)).Order(StringComparer.Ordinal))
                await target.ExecuteAsync(history.Insert(id, "unstamp", null, DateTime.UtcNow, 0), ct);
            foreach (var id in ParentsFirst(map, after.Where(id => !before.Contains(id))))
                await target.ExecuteAsync(history.Insert(id, "stamp", map.Find(id) is { } rev ? AppliedHistory.Checksum(rev) : null, DateTime.UtcNow, 0), ct);
            if (wrap) await target.CommitAsync(ct);
        }
        catch
        {
            if (target.InTransaction) await target.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary><paramref name="ids"/> ordered so that each revision comes after those of its parents among them.</summary>
    private static List<string> ParentsFirst(RevisionMap map, IEnumerable<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        var order = new List<string>(set.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in set.Order(StringComparer.Ordinal))
        {
            // Iterative post-order: a graph of thousands of revisions must not overflow the stack.
            var stack = new Stack<(string Id, bool Expanded)>([(start, false)]);
            while (stack.Count > 0)
            {
                var (id, expanded) = stack.Pop();
                if (done.Contains(id)) continue;
                if (expanded) { done.Add(id); order.Add(id); continue; }
                stack.Push((id, true));
                if (map.Find(id) is { } rev)
                    foreach (var parent in rev.DownRevisions.Concat(rev.DependsOn))
                        if (set.Contains(parent) && !done.Contains(parent)) stack.Push((parent, false));
            }
        }
        return order;
    }

    /// <summary><c>retort ensure-version</c>: create the version table when it is missing.</summary>
    public async Task EnsureVersionAsync(bool sql = false, CancellationToken ct = default)
    {
        PrepareSource(offline: sql, revisionsNeeded: false);
        foreach (var config in Config.PerDatabase())
        {
            var runner = new MigrationRunner(config, Map, Log);
            if (sql)
            {
                await runner.EnsureTablesAsync(new OfflineTarget(config.ResolveDatabase().Provider, Output), TableState.None, ct);
                continue;
            }
            await using var session = await DatabaseSession.OpenAsync(config, ct);
            await using var held = await session.LockAsync(Log, ct);
            await runner.EnsureTablesAsync(session.Target, await session.ReadTableStateAsync(ct), ct);
        }
    }

    private void LogContext(DatabaseSession session)
    {
        Log.Info($"Context impl {session.Dialect.GetType().Name}.");
        Log.Info(session.Provider.Capabilities.TransactionalDdl ? "Will assume transactional DDL." : "Will assume non-transactional DDL.");
    }

    /// <summary>Rows where one is an ancestor of another (edited by hand, or left by another tool): refuse to plan from them.</summary>
    private static void CheckConsistent(RevisionMap map, IReadOnlyList<string> current)
    {
        if (map.Inconsistency(current) is { } problem) throw new RetortException(problem);
    }

    /// <summary>A version row naming a revision the files don't have: refuse rather than guess.</summary>
    private static void CheckKnown(RevisionMap map, IReadOnlyList<string> current, DatabaseSession session)
    {
        foreach (var id in current)
            if (map.Find(id) is null)
                throw new RetortException(
                    $"The database {session.Url.Display} is at revision '{id}', which no revision file declares: restore the file, or 'retort stamp --purge' to a known revision.");
    }

    private static (string? From, string To) SplitRange(string target, bool upgrade)
    {
        var colon = target.IndexOf(':');
        if (colon < 0)
        {
            if (!upgrade)
                throw new RetortException("downgrade with --sql needs a range from:to (e.g. head:base): offline there is no database to read the start from.");
            return (null, target);
        }
        var from = target[..colon];
        var to = target[(colon + 1)..];
        if (to.Length == 0) throw new RetortException($"Bad range '{target}': the part after ':' is the target.");
        return (from.Length == 0 || from == "base" ? null : from, to);
    }
}
