namespace Retort.Ops;

/// <summary>One schema change recorded by <see cref="Retort.Operations"/>; each dialect turns it into SQL.</summary>
public abstract record MigrationOperation;

/// <summary>An operation on one table, which SQLite may have to carry out by rebuilding the table.</summary>
public abstract record TableOperation(string Table) : MigrationOperation
{
    public string? Schema { get; init; }
}

public sealed record CreateTableOperation(string Name, IReadOnlyList<Column> Columns) : MigrationOperation
{
    public string? Schema { get; init; }
    public PrimaryKey? PrimaryKey { get; init; }
    public IReadOnlyList<ForeignKey> ForeignKeys { get; init; } = [];
    public IReadOnlyList<UniqueConstraint> UniqueConstraints { get; init; } = [];
    public IReadOnlyList<CheckConstraint> CheckConstraints { get; init; } = [];
    public string? Comment { get; init; }
}

public sealed record DropTableOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
}

public sealed record RenameTableOperation(string Table, string NewName) : TableOperation(Table);

public sealed record AddColumnOperation(string Table, Column Column) : TableOperation(Table);

public sealed record DropColumnOperation(string Table, string Column) : TableOperation(Table);

/// <summary>
/// Changes one column. Null means "leave as is" for the new values; the <c>Existing*</c> values describe the
/// column as it is, which MySQL needs to restate the whole column and SQLite's offline rebuild may use.
/// </summary>
public sealed record AlterColumnOperation(string Table, string Column) : TableOperation(Table)
{
    public string? NewName { get; init; }
    public SqlType? Type { get; init; }
    public bool? Nullable { get; init; }
    /// <summary>Set to change the default; <see cref="ServerDefault"/> null with this true drops it.</summary>
    public bool ChangeServerDefault { get; init; }
    public string? ServerDefault { get; init; }
    public bool ChangeComment { get; init; }
    public string? Comment { get; init; }
    public SqlType? ExistingType { get; init; }
    public bool? ExistingNullable { get; init; }
    public string? ExistingServerDefault { get; init; }
    public string? ExistingComment { get; init; }
    public bool ExistingAutoincrement { get; init; }
}

public sealed record CreateIndexOperation(string Name, string Table, IReadOnlyList<string> Columns) : TableOperation(Table)
{
    public bool Unique { get; init; }
    /// <summary>A partial index's predicate (PostgreSQL, SQLite).</summary>
    public string? Where { get; init; }
    /// <summary>PostgreSQL CREATE INDEX CONCURRENTLY; runs outside the transaction.</summary>
    public bool Concurrently { get; init; }
}

public sealed record DropIndexOperation(string Name, string Table) : TableOperation(Table)
{
    public bool Concurrently { get; init; }
}

public enum ConstraintKind { PrimaryKey, Unique, ForeignKey, Check }

public sealed record CreatePrimaryKeyOperation(string Name, string Table, IReadOnlyList<string> Columns) : TableOperation(Table);

public sealed record CreateUniqueConstraintOperation(string Name, string Table, IReadOnlyList<string> Columns) : TableOperation(Table);

public sealed record CreateForeignKeyOperation(string Name, string Table, ForeignKey ForeignKey) : TableOperation(Table);

public sealed record CreateCheckConstraintOperation(string Name, string Table, string Sql) : TableOperation(Table);

public sealed record DropConstraintOperation(string Name, string Table, ConstraintKind Kind) : TableOperation(Table);

/// <summary>Sets (or with null, removes) a table's comment.</summary>
public sealed record TableCommentOperation(string Table, string? Comment) : TableOperation(Table);

/// <summary>Raw SQL; parameters are positional <c>?</c> and bound by the driver (rendered as literals offline).</summary>
public sealed record ExecuteSqlOperation(string Sql, IReadOnlyList<object?> Parameters) : MigrationOperation
{
    /// <summary>Run outside any transaction, e.g. CREATE INDEX CONCURRENTLY.</summary>
    public bool OutsideTransaction { get; init; }
}

/// <summary>Rows to insert: each row gives a value per column, in order.</summary>
public sealed record BulkInsertOperation(string Table, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : TableOperation(Table);

public sealed record CreateSchemaOperation(string Name) : MigrationOperation;

public sealed record DropSchemaOperation(string Name) : MigrationOperation;

/// <summary>
/// Several changes to one table applied together: on SQLite one table rebuild (Alembic's batch mode), elsewhere
/// the plain statements. <see cref="CopyFrom"/> describes the table for offline SQLite scripts.
/// </summary>
public sealed record BatchAlterTableOperation(string Table, IReadOnlyList<TableOperation> Operations) : TableOperation(Table)
{
    public CreateTableOperation? CopyFrom { get; init; }
}
