using Retort.Ops;

namespace Retort.Dialects;

/// <summary>
/// Views, routines, triggers, extensions and partitions in standard SQL; providers override what their database
/// spells differently (PostgreSQL's DROP TRIGGER … ON, MariaDB's events) or has only itself (extensions, partitions).
/// A routine or trigger is created from its whole CREATE statement, as reflected or written in the revision.
/// </summary>
public abstract partial class SqlDialect
{
    protected virtual IReadOnlyList<SqlStatement> Generate(CreateViewOperation o)
    {
        var v = o.View;
        if (v.Materialized) throw new NotSupportedException($"The {Name} provider has no materialized views (view {v.Name}).");
        if (v.Indexes.Count > 0) throw new NotSupportedException($"The {Name} provider cannot index a view (view {v.Name}).");
        var statements = new List<SqlStatement> { $"CREATE VIEW {Qualify(v.Name, v.Schema)}{ViewColumns(v)} AS {v.Query}" };
        if (v.Comment is not null) statements.AddRange(ObjectComment(v, v.Comment));
        return statements;
    }

    /// <summary>" (a, b)" for a view that names its columns, nothing otherwise.</summary>
    protected string ViewColumns(ViewDefinition v) => v.Columns.Count == 0 ? "" : " (" + Columns(v.Columns) + ")";

    protected virtual IReadOnlyList<SqlStatement> Generate(DropViewOperation o) =>
        o.Materialized
            ? throw new NotSupportedException($"The {Name} provider has no materialized views (view {o.Name}).")
            : [$"DROP VIEW {Qualify(o.Name, o.Schema)}"];

    protected virtual IReadOnlyList<SqlStatement> Generate(ReplaceViewOperation o) =>
        [.. Generate(new CreateViewOperation(o.Existing).Reverse()), .. Generate(new CreateViewOperation(o.View))];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateRoutineOperation o)
    {
        var statements = new List<SqlStatement> { o.Routine.Definition };
        if (o.Routine.Comment is not null) statements.AddRange(ObjectComment(o.Routine, o.Routine.Comment));
        return statements;
    }

    protected virtual IReadOnlyList<SqlStatement> Generate(DropRoutineOperation o) =>
        [$"DROP {RoutineKeyword(o.Kind)} {Qualify(o.Name, o.Schema)}"];

    protected virtual string RoutineKeyword(RoutineKind kind) => kind switch
    {
        RoutineKind.Function => "FUNCTION",
        RoutineKind.Procedure => "PROCEDURE",
        _ => throw new NotSupportedException($"The {Name} provider has no {kind.ToString().ToLowerInvariant()}s."),
    };

    protected virtual IReadOnlyList<SqlStatement> Generate(ReplaceRoutineOperation o) =>
        [.. Generate(new CreateRoutineOperation(o.Existing).Reverse()), .. Generate(new CreateRoutineOperation(o.Routine))];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateTriggerOperation o) => [o.Trigger.Definition];

    protected virtual IReadOnlyList<SqlStatement> Generate(DropTriggerOperation o) => [$"DROP TRIGGER {Qualify(o.Name, o.Schema)}"];

    protected virtual IReadOnlyList<SqlStatement> Generate(ReplaceTriggerOperation o) =>
        [.. Generate(new CreateTriggerOperation(o.Existing).Reverse()), .. Generate(new CreateTriggerOperation(o.Trigger))];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateExtensionOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no extensions (extension {o.Extension.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DropExtensionOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no extensions (extension {o.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(AttachPartitionOperation o) =>
        throw new NotSupportedException($"The {Name} provider cannot attach partitions (table {o.Table}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DetachPartitionOperation o) =>
        throw new NotSupportedException($"The {Name} provider cannot detach partitions (table {o.Table}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(AddPartitionsOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no partitions in a table's definition (table {o.Table}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DropPartitionsOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no partitions in a table's definition (table {o.Table}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(ReorganizePartitionsOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no partitions in a table's definition (table {o.Table}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(PartitionTableOperation o) =>
        throw new NotSupportedException($"The {Name} provider cannot repartition a table (table {o.Table}).");

    /// <summary>A virtual table is its own whole statement, run as written.</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(CreateVirtualTableOperation o) => [o.Table.Definition];

    protected virtual IReadOnlyList<SqlStatement> Generate(DropVirtualTableOperation o) => [$"DROP TABLE {Qualify(o.Name, o.Schema)}"];

    /// <summary>The statements that set a view's or routine's comment; by default the database has none.</summary>
    protected virtual IReadOnlyList<SqlStatement> ObjectComment(SchemaObject o, string? comment) =>
        throw new NotSupportedException($"The {Name} provider keeps no comments on a {o.KindName} ({o.Name}).");
}
