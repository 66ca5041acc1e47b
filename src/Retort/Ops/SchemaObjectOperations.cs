namespace Retort.Ops;

/// <summary>CREATE VIEW / CREATE MATERIALIZED VIEW (with its indexes).</summary>
public sealed record CreateViewOperation(ViewDefinition View) : MigrationOperation
{
    public override MigrationOperation Reverse() => new DropViewOperation(View.Name) { Schema = View.Schema, Materialized = View.Materialized, Existing = View };
}

public sealed record DropViewOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
    public bool Materialized { get; init; }

    /// <summary>The view as it was, to recreate it when reversed.</summary>
    public ViewDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, $"DropView(\"{Name}\") does not carry the view's definition (Existing)")
        : new CreateViewOperation(Existing);
}

/// <summary>Changes a view's definition: CREATE OR REPLACE where the database can, otherwise drop and create.</summary>
public sealed record ReplaceViewOperation(ViewDefinition View, ViewDefinition Existing) : MigrationOperation
{
    public override MigrationOperation Reverse() => new ReplaceViewOperation(Existing, View);
}

/// <summary>Creates a function, procedure, aggregate or event from its whole CREATE statement.</summary>
public sealed record CreateRoutineOperation(RoutineDefinition Routine) : MigrationOperation
{
    public override MigrationOperation Reverse() =>
        new DropRoutineOperation(Routine.Name, Routine.Kind) { Schema = Routine.Schema, Signature = Routine.Signature, Existing = Routine };
}

public sealed record DropRoutineOperation(string Name, RoutineKind Kind) : MigrationOperation
{
    public string? Schema { get; init; }

    /// <summary>The argument types that tell overloads apart (PostgreSQL).</summary>
    public string Signature { get; init; } = "";

    public RoutineDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, $"DropRoutine(\"{Name}\") does not carry the routine's definition (Existing)")
        : new CreateRoutineOperation(Existing);
}

/// <summary>Changes a routine's definition: CREATE OR REPLACE where the database can, otherwise drop and create.</summary>
public sealed record ReplaceRoutineOperation(RoutineDefinition Routine, RoutineDefinition Existing) : MigrationOperation
{
    public override MigrationOperation Reverse() => new ReplaceRoutineOperation(Existing, Routine);
}

public sealed record CreateTriggerOperation(TriggerDefinition Trigger) : MigrationOperation
{
    public override MigrationOperation Reverse() =>
        new DropTriggerOperation(Trigger.Name, Trigger.Table) { Schema = Trigger.Schema, Existing = Trigger };
}

public sealed record DropTriggerOperation(string Name, string Table) : MigrationOperation
{
    public string? Schema { get; init; }
    public TriggerDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, $"DropTrigger(\"{Name}\") does not carry the trigger's definition (Existing)")
        : new CreateTriggerOperation(Existing);
}

/// <summary>Changes a trigger: drop and create (CREATE OR REPLACE where the database has it).</summary>
public sealed record ReplaceTriggerOperation(TriggerDefinition Trigger, TriggerDefinition Existing) : MigrationOperation
{
    public override MigrationOperation Reverse() => new ReplaceTriggerOperation(Existing, Trigger);
}

public sealed record CreateExtensionOperation(ExtensionDefinition Extension) : MigrationOperation
{
    public override MigrationOperation Reverse() => new DropExtensionOperation(Extension.Name) { Existing = Extension };
}

public sealed record DropExtensionOperation(string Name) : MigrationOperation
{
    public ExtensionDefinition? Existing { get; init; }

    public override MigrationOperation Reverse() => new CreateExtensionOperation(Existing ?? new ExtensionDefinition(Name));
}

/// <summary>ALTER TABLE parent ATTACH PARTITION partition bound (PostgreSQL).</summary>
public sealed record AttachPartitionOperation(string Table, string Partition, string Bound) : TableOperation(Table)
{
    public string? PartitionSchema { get; init; }

    public override MigrationOperation Reverse() =>
        new DetachPartitionOperation(Table, Partition, Bound) { Schema = Schema, PartitionSchema = PartitionSchema };
}

/// <summary>ALTER TABLE parent DETACH PARTITION partition; <see cref="Bound"/> is kept to attach it again when reversed.</summary>
public sealed record DetachPartitionOperation(string Table, string Partition, string Bound) : TableOperation(Table)
{
    public string? PartitionSchema { get; init; }

    public override MigrationOperation Reverse() =>
        new AttachPartitionOperation(Table, Partition, Bound) { Schema = Schema, PartitionSchema = PartitionSchema };
}
