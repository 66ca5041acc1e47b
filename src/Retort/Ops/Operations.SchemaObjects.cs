using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>CREATE VIEW name AS query: <c>op.CreateView("active_users", "SELECT id, name FROM users WHERE active")</c>.</summary>
    public void CreateView(string name, string query, string? schema = null) =>
        Add(new CreateViewOperation(new ViewDefinition(name, query) { Schema = schema }));

    /// <summary>CREATE VIEW / MATERIALIZED VIEW from a whole definition (columns, options, indexes of a materialized view).</summary>
    public void CreateView(ViewDefinition view) => Add(new CreateViewOperation(view));

    public void DropView(string name, bool materialized = false, string? schema = null) =>
        Add(new DropViewOperation(name) { Materialized = materialized, Schema = schema });

    /// <summary>Changes a view's query; <paramref name="existing"/> is what it was (the Downgrade puts it back).</summary>
    public void ReplaceView(ViewDefinition view, ViewDefinition existing) => Add(new ReplaceViewOperation(view, existing));

    /// <summary>
    /// A function, procedure, aggregate or event from its whole CREATE statement:
    /// <c>op.CreateRoutine("add_one", RoutineKind.Function, "CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql AS 'SELECT i + 1'", signature: "integer")</c>.
    /// </summary>
    public void CreateRoutine(string name, RoutineKind kind, string definition, string signature = "", string? schema = null) =>
        Add(new CreateRoutineOperation(new RoutineDefinition(name, kind, definition) { Signature = signature, Schema = schema }));

    public void CreateRoutine(RoutineDefinition routine) => Add(new CreateRoutineOperation(routine));

    /// <summary>DROP FUNCTION / PROCEDURE / AGGREGATE / EVENT; <paramref name="signature"/> picks one of PostgreSQL's overloads.</summary>
    public void DropRoutine(string name, RoutineKind kind = RoutineKind.Function, string signature = "", string? schema = null) =>
        Add(new DropRoutineOperation(name, kind) { Signature = signature, Schema = schema });

    public void ReplaceRoutine(RoutineDefinition routine, RoutineDefinition existing) => Add(new ReplaceRoutineOperation(routine, existing));

    /// <summary>A trigger from its whole CREATE TRIGGER statement.</summary>
    public void CreateTrigger(string name, string table, string definition, string? schema = null) =>
        Add(new CreateTriggerOperation(new TriggerDefinition(name, table, definition) { Schema = schema }));

    public void CreateTrigger(TriggerDefinition trigger) => Add(new CreateTriggerOperation(trigger));

    public void DropTrigger(string name, string table, string? schema = null) => Add(new DropTriggerOperation(name, table) { Schema = schema });

    public void ReplaceTrigger(TriggerDefinition trigger, TriggerDefinition existing) => Add(new ReplaceTriggerOperation(trigger, existing));

    /// <summary>CREATE EXTENSION (PostgreSQL).</summary>
    public void CreateExtension(string name, string? schema = null, string? version = null) =>
        Add(new CreateExtensionOperation(new ExtensionDefinition(name) { Schema = schema, Version = version }));

    public void DropExtension(string name) => Add(new DropExtensionOperation(name));

    /// <summary>ALTER TABLE table ATTACH PARTITION partition bound (PostgreSQL), e.g. bound <c>FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')</c>.</summary>
    public void AttachPartition(string table, string partition, string bound, string? schema = null) =>
        Add(new AttachPartitionOperation(table, partition, bound) { Schema = schema, PartitionSchema = schema });

    /// <summary>ALTER TABLE table DETACH PARTITION partition; the bound is kept so the Downgrade can attach it again.</summary>
    public void DetachPartition(string table, string partition, string bound, string? schema = null) =>
        Add(new DetachPartitionOperation(table, partition, bound) { Schema = schema, PartitionSchema = schema });
}
