using Retort.Dialects;
using Retort.Ops;

namespace Retort.Lint;

/// <summary>
/// Judges the operations one revision's Upgrade records, typed or raw SQL alike, against the rules that apply to
/// the target server; tables created earlier in the same revision are new and draw no findings. Updates the
/// <see cref="SchemaHistory"/> for the revisions after it.
/// </summary>
public sealed class RevisionLintPass(LintTarget target, SqlDialect dialect, SchemaHistory history, bool lockTimeoutConfigured)
{
    /// <summary>A finding before it is placed: the index of the recorded operation it is about.</summary>
    public sealed record Pending(LintRule Rule, string Message, int Operation);

    private readonly HashSet<string> _newTables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string Table, string Name)> _notValidHere = [];
    private readonly List<Pending> _found = [];
    private bool _lockTimeoutSet = lockTimeoutConfigured;
    private bool _lockTimeoutReported;
    private int _index;

    public IReadOnlyList<Pending> Run(IReadOnlyList<MigrationOperation> operations)
    {
        for (_index = 0; _index < operations.Count; _index++) Judge(operations[_index], null);
        return _found;
    }

    private void Report(LintRule rule, string message)
    {
        if (rule.AppliesTo(target)) _found.Add(new Pending(rule, message, _index));
    }

    private bool Existing(string table) => !_newTables.Contains(table);

    private void Judge(MigrationOperation operation, RawStatement? raw)
    {
        if (TakesExclusiveLock(operation) && !_lockTimeoutSet && !_lockTimeoutReported)
        {
            _lockTimeoutReported = true;
            Report(LintRules.MissingDdlLockTimeout, $"{Describe(operation)}: {LintRules.MissingDdlLockTimeout.Problem}");
        }
        switch (operation)
        {
            case CreateTableOperation o:
                _newTables.Add(o.Name);
                foreach (var c in o.Columns) history.SetColumn(o.Name, c.Name, new(TypeOf(c.Type), c.Nullable && !c.PrimaryKey));
                foreach (var c in o.CheckConstraints) history.AddCheck(o.Name, new(c.Name ?? "", c.Sql, !c.NotValid));
                break;
            case DropTableOperation o:
                if (Existing(o.Name)) Report(LintRules.DropTable, $"DROP TABLE {o.Name}: {LintRules.DropTable.Problem}");
                history.DropTable(o.Name);
                break;
            case RenameTableOperation o:
                if (Existing(o.Table)) Report(LintRules.RenameTable, $"table {o.Table} renamed to {o.NewName}: {LintRules.RenameTable.Problem}");
                history.RenameTable(o.Table, o.NewName);
                break;
            case AddColumnOperation o:
                AddColumn(o, raw);
                break;
            case DropColumnOperation o:
                if (Existing(o.Table))
                {
                    Report(LintRules.DropColumn, $"column {o.Table}.{o.Column} dropped: {LintRules.DropColumn.Problem}");
                    if (!(target.IsMariaDb ? target.AtLeast(10, 4) : target.AtLeast(8, 0, 29)) && raw?.StatesOnlineAlgorithm != true)
                        Report(LintRules.MySqlAlterNotInstant, $"DROP COLUMN {o.Table}.{o.Column} rebuilds the table before {(target.IsMariaDb ? "MariaDB 10.4" : "MySQL 8.0.29")}: {LintRules.MySqlAlterNotInstant.Problem}");
                }
                history.DropColumn(o.Table, o.Column);
                break;
            case AlterColumnOperation o:
                AlterColumn(o, raw);
                break;
            case CreateIndexOperation o:
                if (Existing(o.Table) && !o.Concurrently)
                    Report(LintRules.CreateIndexNotConcurrently, $"index {o.Name} on {o.Table}: {LintRules.CreateIndexNotConcurrently.Problem}");
                break;
            case CreateUniqueConstraintOperation o:
                if (Existing(o.Table) && !o.Concurrently)
                    Report(LintRules.AddUniqueConstraintLocks, $"unique constraint {o.Name} on {o.Table}: {LintRules.AddUniqueConstraintLocks.Problem}");
                break;
            case CreateForeignKeyOperation o:
                if (Existing(o.Table))
                {
                    if (o.ForeignKey.NotValid) _notValidHere.Add((o.Table, o.Name));
                    else Report(LintRules.AddForeignKeyValidates, $"foreign key {o.Name} on {o.Table}: {LintRules.AddForeignKeyValidates.Problem}");
                    Copies(raw, $"ADD FOREIGN KEY on {o.Table} copies the table (with foreign_key_checks on)");
                }
                break;
            case CreateCheckConstraintOperation o:
                if (Existing(o.Table))
                {
                    if (o.NotValid) _notValidHere.Add((o.Table, o.Name));
                    else Report(LintRules.AddCheckValidates, $"check {o.Name} on {o.Table}: {LintRules.AddCheckValidates.Problem}");
                    Copies(raw, $"ADD CHECK on {o.Table} checks every row while writes wait");
                }
                history.AddCheck(o.Table, new(o.Name, o.Sql, !o.NotValid));
                break;
            case CreatePrimaryKeyOperation o:
                if (Existing(o.Table)) Copies(raw, $"ADD PRIMARY KEY on {o.Table} rebuilds the table");
                break;
            case ValidateConstraintOperation o:
                if (_notValidHere.Contains((o.Table, o.Name)))
                {
                    var rule = history.HasCheck(o.Table, o.Name) ? LintRules.AddCheckValidates : LintRules.AddForeignKeyValidates;
                    Report(rule, $"{o.Name} on {o.Table} is added NOT VALID and validated in the same revision, one transaction: the scan runs under the adding lock; validate in a later revision run in its own transaction");
                }
                history.ValidateCheck(o.Table, o.Name);
                break;
            case DropConstraintOperation o:
                history.DropConstraint(o.Table, o.Name);
                break;
            case BatchAlterTableOperation o:
                foreach (var inner in o.Operations) Judge(inner, raw);
                break;
            case ExecuteSqlOperation o:
                foreach (var statement in RawSqlReader.Read(o.Sql, dialect.Lexicon))
                {
                    // SET lock_timeout holds for the rest of the revision; SET STATEMENT … FOR only for its statement.
                    if (statement.SetsLockTimeout && statement.Operations.Count == 0) _lockTimeoutSet = true;
                    var before = _lockTimeoutSet;
                    _lockTimeoutSet |= statement.SetsLockTimeout;
                    foreach (var inner in statement.Operations) Judge(inner, statement);
                    _lockTimeoutSet = before;
                }
                break;
        }
    }

    private void AddColumn(AddColumnOperation o, RawStatement? raw)
    {
        var c = o.Column;
        if (Existing(o.Table))
        {
            if (!c.Nullable && c.ServerDefault is null && !c.Autoincrement && c.Identity is null && c.Computed is null)
                Report(LintRules.AddNotNullColumnWithoutDefault, $"column {o.Table}.{c.Name} is NOT NULL without a default: {LintRules.AddNotNullColumnWithoutDefault.Problem}");
            if (target.IsPostgres)
            {
                if (c.ServerDefault is { } d && (!target.AtLeast(11) || VolatileDefaults.IsVolatile(d)))
                    Report(LintRules.AddColumnVolatileDefault, $"column {o.Table}.{c.Name} DEFAULT {d}{(target.AtLeast(11) ? " is volatile" : " before PostgreSQL 11")}: {LintRules.AddColumnVolatileDefault.Problem}");
                else if (c.Autoincrement || c.Identity is not null || c.Computed is { Stored: true })
                    Report(LintRules.AddColumnVolatileDefault, $"column {o.Table}.{c.Name} is filled per row ({(c.Computed is null ? "identity/serial" : "stored generated")}): {LintRules.AddColumnVolatileDefault.Problem}");
            }
            if (!(target.IsMariaDb ? target.AtLeast(10, 3, 2) : target.AtLeast(8, 0, 12)))
                Copies(raw, $"ADD COLUMN {o.Table}.{c.Name} rebuilds the table before {(target.IsMariaDb ? "MariaDB 10.3.2" : "MySQL 8.0.12")} (no INSTANT)");
        }
        history.SetColumn(o.Table, c.Name, new(TypeOf(c.Type), c.Nullable));
    }

    private void AlterColumn(AlterColumnOperation o, RawStatement? raw)
    {
        var known = history.Column(o.Table, o.Column);
        var existing = Existing(o.Table);
        if (o.Type is not null)
        {
            var to = TypeOf(o.Type);
            var from = o.ExistingType is null ? known?.Type : TypeOf(o.ExistingType);
            if (existing && to is not null)
            {
                if (!ColumnTypeText.PostgresKeepsRows(from, to) && target.IsPostgres)
                    Report(LintRules.ChangeColumnType, $"column {o.Table}.{o.Column} type {from?.ToString() ?? "?"} -> {to}: {LintRules.ChangeColumnType.Problem}");
                if (!ColumnTypeText.MySqlInPlace(from, to))
                    Copies(raw, $"column {o.Table}.{o.Column} type {from?.ToString() ?? "?"} -> {to} copies the table");
            }
            history.SetColumn(o.Table, o.Column, new(to, known?.Nullable));
        }
        if (o.Nullable is { } nullable)
        {
            var wasNullable = o.ExistingNullable ?? known?.Nullable ?? true;
            if (existing && !nullable && wasNullable)
            {
                if (!(target.AtLeast(12) && history.HasValidNotNullCheck(o.Table, o.Column)))
                    Report(LintRules.SetNotNullScans, $"SET NOT NULL on {o.Table}.{o.Column}: {LintRules.SetNotNullScans.Problem}");
                Copies(raw, $"NOT NULL on {o.Table}.{o.Column} rebuilds the table");
            }
            history.SetColumn(o.Table, o.Column, new(history.Column(o.Table, o.Column)?.Type, nullable));
        }
        if (o.NewName is not null)
        {
            if (existing) Report(LintRules.RenameColumn, $"column {o.Table}.{o.Column} renamed to {o.NewName}: {LintRules.RenameColumn.Problem}");
            history.RenameColumn(o.Table, o.Column, o.NewName);
        }
    }

    /// <summary>A MariaDB/MySQL ALTER that copies or rebuilds, unless the statement itself asks for INSTANT/INPLACE (the server then refuses instead).</summary>
    private void Copies(RawStatement? raw, string what)
    {
        if (raw?.StatesOnlineAlgorithm == true) return;
        Report(LintRules.MySqlAlterNotInstant, $"{what}: {LintRules.MySqlAlterNotInstant.Problem}");
    }

    private ColumnTypeText? TypeOf(SqlType type)
    {
        try { return ColumnTypeText.Parse(dialect.TypeToSql(type)); }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or RetortException) { return null; }
    }

    /// <summary>DDL on a table that exists already: every such statement waits for a lock that blocks the table's readers or writers.</summary>
    private bool TakesExclusiveLock(MigrationOperation operation) => operation switch
    {
        CreateIndexOperation o => !o.Concurrently && Existing(o.Table),
        CreateUniqueConstraintOperation o => !o.Concurrently && Existing(o.Table),
        ValidateConstraintOperation or BulkInsertOperation or BatchAlterTableOperation => false,
        DropIndexOperation o => !o.Concurrently && Existing(o.Table),
        DropTableOperation o => Existing(o.Name),
        TableOperation o => Existing(o.Table),
        _ => false,
    };

    private static string Describe(MigrationOperation operation) => operation switch
    {
        DropTableOperation o => $"DROP TABLE {o.Name}",
        TableOperation o => $"{operation.GetType().Name.Replace("Operation", "")} on {o.Table}",
        _ => operation.GetType().Name,
    };
}
