namespace Retort.Ops;

/// <summary>
/// A schema object that is not a table: a view, a routine, a trigger or an extension. Its identity is its kind,
/// schema and name (a routine's <see cref="RoutineDefinition.Signature"/> too); its definition is compared in the
/// form the database prints it back, so a reflected object and the model's agree exactly when they mean the same.
/// </summary>
public abstract record SchemaObject(string Name)
{
    public string? Schema { get; init; }

    /// <summary>What it is, as written in descriptions: "view", "materialized view", "function", "trigger" …</summary>
    public abstract string KindName { get; }

    /// <summary>
    /// The objects it reads (tables, views, routines), as <c>name</c> or <c>schema.name</c>: orders creation and
    /// drops, and names the views to drop and recreate around a change to a table they read. Not compared.
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The comment on the object (COMMENT ON …), where the database keeps one.</summary>
    public string? Comment { get; init; }
}

/// <summary>A view, or (<see cref="Materialized"/>) a materialized view; <see cref="Query"/> is its SELECT.</summary>
public sealed record ViewDefinition(string Name, string Query) : SchemaObject(Name)
{
    public bool Materialized { get; init; }

    /// <summary>Column names written after the view's name (<c>CREATE VIEW v (a, b) AS …</c>); empty: none written.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>
    /// Options only some databases have, keyed <c>provider.option</c>: <c>postgresql.security_barrier</c>,
    /// <c>postgresql.check_option</c>, <c>mysql.algorithm</c>, <c>mysql.sql_security</c>, <c>mysql.check_option</c> …
    /// </summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = TableOptionBag.Empty;

    /// <summary>Indexes on a materialized view, created with it.</summary>
    public IReadOnlyList<TableIndex> Indexes { get; init; } = [];

    public override string KindName => Materialized ? "materialized view" : "view";
}

public enum RoutineKind { Function, Procedure, Aggregate, Event }

/// <summary>
/// A function, procedure, aggregate or (MariaDB) event. <see cref="Definition"/> is the whole CREATE statement as
/// the database prints it (PostgreSQL's pg_get_functiondef; MariaDB's SHOW CREATE without the DEFINER clause).
/// </summary>
public sealed record RoutineDefinition(string Name, RoutineKind Kind, string Definition) : SchemaObject(Name)
{
    /// <summary>The argument types that tell overloads apart (PostgreSQL: <c>integer, text</c>); empty elsewhere.</summary>
    public string Signature { get; init; } = "";

    /// <summary>
    /// Settings the routine was created under that are not in its text, keyed <c>provider.option</c>: MariaDB's
    /// <c>mysql.sql_mode</c>, <c>mysql.character_set_client</c>, <c>mysql.collation_connection</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = TableOptionBag.Empty;

    public override string KindName => Kind switch
    {
        RoutineKind.Procedure => "procedure",
        RoutineKind.Aggregate => "aggregate",
        RoutineKind.Event => "event",
        _ => "function",
    };
}

/// <summary>A trigger on <see cref="Table"/>; <see cref="Definition"/> is the whole CREATE TRIGGER statement as the database prints it.</summary>
public sealed record TriggerDefinition(string Name, string Table, string Definition) : SchemaObject(Name)
{
    /// <summary>Settings the trigger was created under that are not in its text (as <see cref="RoutineDefinition.Options"/>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = TableOptionBag.Empty;

    public override string KindName => "trigger";
}

/// <summary>An extension (PostgreSQL); the objects it owns never appear in a model or a generated operation.</summary>
public sealed record ExtensionDefinition(string Name) : SchemaObject(Name)
{
    /// <summary>The version to install; null: the default one. Compared only when the model states it.</summary>
    public string? Version { get; init; }

    public override string KindName => "extension";
}

/// <summary>
/// A table that is a partition of <see cref="Parent"/> (PostgreSQL declarative partitioning); <see cref="Bound"/> as the
/// database prints it: <c>FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')</c>, <c>FOR VALUES IN (1, 2)</c>, <c>DEFAULT</c>.
/// </summary>
public sealed record PartitionOf(string Parent, string Bound)
{
    public string? ParentSchema { get; init; }
}
