namespace Retort.Ops;

/// <summary>
/// One schema change recorded by <see cref="Retort.Operations"/>; each provider turns it into SQL. An extension
/// may derive its own operation and register its SQL with <c>Retort.Dialects.SqlGenerators.Register</c>.
/// </summary>
public abstract record MigrationOperation
{
    /// <summary>
    /// The operation that undoes this one: the single rule autogenerate's Downgrade and the tests use. Drops carry
    /// what they drop (<c>Existing</c>) to be reversible; without it, and for raw SQL, this throws
    /// <see cref="IrreversibleOperationException"/>.
    /// </summary>
    public virtual MigrationOperation Reverse() => throw new IrreversibleOperationException(this, "it has no inverse");
}

/// <summary>An operation that cannot be undone as it stands, e.g. a drop that does not carry what it drops.</summary>
public sealed class IrreversibleOperationException(MigrationOperation operation, string reason)
    : RetortException($"{operation.GetType().Name} cannot be reversed: {reason}.")
{
    public MigrationOperation Operation { get; } = operation;
}

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
    /// <summary>Indexes created right after the table (and dropped with it).</summary>
    public IReadOnlyList<TableIndex> Indexes { get; init; } = [];
    /// <summary>Database-specific table options, keyed <c>provider.option</c> (<see cref="TableOptions.ProviderOptions"/>).</summary>
    public IReadOnlyDictionary<string, string> ProviderOptions { get; init; } = TableOptionBag.Empty;
    /// <summary>A partitioned table's partition key (PostgreSQL: <c>RANGE (payment_date)</c>).</summary>
    public string? PartitionBy { get; init; }
    /// <summary>Created as a partition of another table (PostgreSQL: <c>CREATE TABLE … PARTITION OF parent FOR VALUES …</c>).</summary>
    public PartitionOf? PartitionOf { get; init; }
    /// <summary>Partitions written in the table's definition after <see cref="PartitionBy"/> (MariaDB/MySQL).</summary>
    public IReadOnlyList<TablePartition> Partitions { get; init; } = [];
    /// <summary>CREATE TABLE IF NOT EXISTS (its indexes likewise); reversed to a DROP TABLE IF EXISTS.</summary>
    public bool IfNotExists { get; init; }

    public override MigrationOperation Reverse() => new DropTableOperation(Name) { Schema = Schema, Existing = this, IfExists = IfNotExists };
}

public sealed record DropTableOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }

    /// <summary>The table as it was, to recreate it when reversed.</summary>
    public CreateTableOperation? Existing { get; init; }
    /// <summary>DROP TABLE IF EXISTS; reversed to a CREATE TABLE IF NOT EXISTS.</summary>
    public bool IfExists { get; init; }

    public override MigrationOperation Reverse() =>
        (Existing ?? throw new IrreversibleOperationException(this, $"DropTable(\"{Name}\") does not carry the table's definition (Existing)")) with { IfNotExists = IfExists };
}

public sealed record RenameTableOperation(string Table, string NewName) : TableOperation(Table)
{
    public override MigrationOperation Reverse() => new RenameTableOperation(NewName, Table) { Schema = Schema };
}

public sealed record AddColumnOperation(string Table, Column Column) : TableOperation(Table)
{
    public override MigrationOperation Reverse() => new DropColumnOperation(Table, Column.Name) { Schema = Schema, Existing = Column };
}

public sealed record DropColumnOperation(string Table, string Column) : TableOperation(Table)
{
    /// <summary>The column as it was, to add it back when reversed.</summary>
    public Column? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing is null
            ? throw new IrreversibleOperationException(this, $"DropColumn(\"{Table}\", \"{Column}\") does not carry the column's definition (Existing)")
            : new AddColumnOperation(Table, Existing) { Schema = Schema };
}

/// <summary>
/// Changes one column. Null means "leave as is" for the new values; the <c>Existing*</c> values describe the
/// column as it is, which MySQL needs to restate the whole column, SQLite's offline rebuild may use, and
/// <see cref="Reverse"/> needs to change it back.
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
    /// <summary>The default as it is; null means none (so a reversed default change drops it).</summary>
    public string? ExistingServerDefault { get; init; }
    /// <summary>The comment as it is; null means none.</summary>
    public string? ExistingComment { get; init; }
    public bool ExistingAutoincrement { get; init; }
    /// <summary>
    /// The whole column as it should become, for changes with no field of their own (collation, charset, identity
    /// and its options, a generated expression, ON UPDATE): the provider restates or alters what differs from
    /// <see cref="ExistingDefinition"/>.
    /// </summary>
    public Column? Definition { get; init; }
    public Column? ExistingDefinition { get; init; }

    /// <summary>Swaps each changed value with its <c>Existing*</c> counterpart (and the names of a rename).</summary>
    public override MigrationOperation Reverse()
    {
        if (Type is not null && ExistingType is null)
            throw new IrreversibleOperationException(this, $"AlterColumn(\"{Table}\", \"{Column}\") changes the type but does not carry ExistingType");
        if (Nullable is not null && ExistingNullable is null)
            throw new IrreversibleOperationException(this, $"AlterColumn(\"{Table}\", \"{Column}\") changes nullability but does not carry ExistingNullable");
        return this with
        {
            Column = NewName ?? Column,
            NewName = NewName is null ? null : Column,
            Type = Type is null ? null : ExistingType,
            ExistingType = Type ?? ExistingType,
            Nullable = Nullable is null ? null : ExistingNullable,
            ExistingNullable = Nullable ?? ExistingNullable,
            ServerDefault = ChangeServerDefault ? ExistingServerDefault : ServerDefault,
            ExistingServerDefault = ChangeServerDefault ? ServerDefault : ExistingServerDefault,
            Comment = ChangeComment ? ExistingComment : Comment,
            ExistingComment = ChangeComment ? Comment : ExistingComment,
            Definition = Definition is null ? null : ExistingDefinition
                ?? throw new IrreversibleOperationException(this, $"AlterColumn(\"{Table}\", \"{Column}\") restates the column but does not carry ExistingDefinition"),
            ExistingDefinition = Definition ?? ExistingDefinition,
        };
    }
}

public sealed record CreateIndexOperation(string Name, string Table, IReadOnlyList<string> Columns) : TableOperation(Table)
{
    public bool Unique { get; init; }
    /// <summary>A partial index's predicate (PostgreSQL, SQLite).</summary>
    public string? Where { get; init; }
    /// <summary>PostgreSQL CREATE INDEX CONCURRENTLY; runs outside the transaction.</summary>
    public bool Concurrently { get; init; }
    /// <summary>The access method (btree, gist, gin, brin, hash …); null for the database's default.</summary>
    public string? Method { get; init; }
    public IndexKind Kind { get; init; }
    /// <summary>Key parts with order, expressions, collation, prefix length; when null, <see cref="Columns"/> ascending.</summary>
    public IReadOnlyList<IndexElement>? Elements { get; init; }
    /// <summary>Non-key columns stored in the index (INCLUDE).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];
    public string? Comment { get; init; }
    /// <summary>CREATE INDEX IF NOT EXISTS; reversed to a DROP INDEX IF EXISTS.</summary>
    public bool IfNotExists { get; init; }

    /// <summary>The index as a table element (as CreateTable carries it).</summary>
    public TableIndex ToTableIndex() => new(Name, [.. Columns]) { Unique = Unique, Where = Where, Method = Method, Kind = Kind, Elements = Elements, Include = Include, Comment = Comment };

    /// <summary>A table element's index as an operation on <paramref name="table"/>.</summary>
    public static CreateIndexOperation From(TableIndex i, string table, string? schema) =>
        new(i.Name ?? Naming.Index(table, i.Columns), table, i.Columns) { Unique = i.Unique, Where = i.Where, Method = i.Method, Kind = i.Kind, Elements = i.Elements, Include = i.Include, Comment = i.Comment, Schema = schema };

    public override MigrationOperation Reverse() => new DropIndexOperation(Name, Table) { Schema = Schema, Concurrently = Concurrently, Existing = this, IfExists = IfNotExists };
}

public sealed record DropIndexOperation(string Name, string Table) : TableOperation(Table)
{
    public bool Concurrently { get; init; }

    /// <summary>The index as it was, to recreate it when reversed.</summary>
    public CreateIndexOperation? Existing { get; init; }
    /// <summary>DROP INDEX IF EXISTS; reversed to a CREATE INDEX IF NOT EXISTS.</summary>
    public bool IfExists { get; init; }

    public override MigrationOperation Reverse() =>
        (Existing ?? throw new IrreversibleOperationException(this, $"DropIndex(\"{Name}\") does not carry the index definition (Existing)")) with { IfNotExists = IfExists };
}

public enum ConstraintKind { PrimaryKey, Unique, ForeignKey, Check }

/// <summary>Adds a constraint to an existing table; reversed by dropping it by name.</summary>
public abstract record CreateConstraintOperation(string Name, string Table, ConstraintKind Kind) : TableOperation(Table)
{
    public override MigrationOperation Reverse() => new DropConstraintOperation(Name, Table, Kind) { Schema = Schema, Existing = this };
}

public sealed record CreatePrimaryKeyOperation(string Name, string Table, IReadOnlyList<string> Columns) : CreateConstraintOperation(Name, Table, ConstraintKind.PrimaryKey);

public sealed record CreateUniqueConstraintOperation(string Name, string Table, IReadOnlyList<string> Columns) : CreateConstraintOperation(Name, Table, ConstraintKind.Unique)
{
    /// <summary>
    /// PostgreSQL: build the unique index with CREATE UNIQUE INDEX CONCURRENTLY (no write lock while it builds) and
    /// attach it with ADD CONSTRAINT … USING INDEX; databases without it add the constraint plainly.
    /// </summary>
    public bool Concurrently { get; init; }
}

/// <summary>Adds a foreign key; with <see cref="ForeignKey.NotValid"/> existing rows are checked later, by <see cref="ValidateConstraintOperation"/>.</summary>
public sealed record CreateForeignKeyOperation(string Name, string Table, ForeignKey ForeignKey) : CreateConstraintOperation(Name, Table, ConstraintKind.ForeignKey);

public sealed record CreateCheckConstraintOperation(string Name, string Table, string Sql) : CreateConstraintOperation(Name, Table, ConstraintKind.Check)
{
    /// <summary>Added without checking existing rows (PostgreSQL NOT VALID, SQL Server WITH NOCHECK); new rows are checked.</summary>
    public bool NotValid { get; init; }
}

/// <summary>
/// Checks the existing rows against a constraint added NOT VALID (PostgreSQL VALIDATE CONSTRAINT, which takes only a
/// SHARE UPDATE EXCLUSIVE lock; SQL Server WITH CHECK CHECK CONSTRAINT). Databases that always validate on adding
/// have nothing to do. Without <see cref="Existing"/> it is its own inverse: validating a valid constraint changes
/// nothing, and a downgrade then drops the constraint with the operation that added it.
/// </summary>
public sealed record ValidateConstraintOperation(string Table, string Name) : TableOperation(Table)
{
    /// <summary>The constraint as it was, NOT VALID: reversed, it is made so again (<see cref="UnvalidateConstraintOperation"/>).</summary>
    public CreateConstraintOperation? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing is { } e ? new UnvalidateConstraintOperation(e) { Schema = Schema } : this;
}

/// <summary>
/// Makes a validated constraint NOT VALID again, as a model that states <c>NotValid</c> asks: no database can mark a
/// checked constraint unchecked, so it is dropped and added again without checking the rows
/// (<see cref="Constraint"/> carries the definition, NOT VALID). Reversed by validating it.
/// </summary>
public sealed record UnvalidateConstraintOperation(CreateConstraintOperation Constraint) : TableOperation(Constraint.Table)
{
    public override MigrationOperation Reverse() =>
        new ValidateConstraintOperation(Table, Constraint.Name) { Schema = Schema, Existing = Constraint };
}

public sealed record DropConstraintOperation(string Name, string Table, ConstraintKind Kind) : TableOperation(Table)
{
    /// <summary>The constraint as it was, to add it back when reversed.</summary>
    public CreateConstraintOperation? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing ?? throw new IrreversibleOperationException(this, $"DropConstraint(\"{Name}\") does not carry the constraint's definition (Existing)");
}

/// <summary>Sets (or with null, removes) a table's comment.</summary>
public sealed record TableCommentOperation(string Table, string? Comment) : TableOperation(Table)
{
    /// <summary>The comment as it is; null means none.</summary>
    public string? ExistingComment { get; init; }

    public override MigrationOperation Reverse() => this with { Comment = ExistingComment, ExistingComment = Comment };
}

/// <summary>Sets (or with null, removes) an index's comment alone, where the database can (PostgreSQL COMMENT ON INDEX).</summary>
public sealed record IndexCommentOperation(string Name, string Table, string? Comment) : TableOperation(Table)
{
    /// <summary>The comment as it is; null means none.</summary>
    public string? ExistingComment { get; init; }

    public override MigrationOperation Reverse() => this with { Comment = ExistingComment, ExistingComment = Comment };
}

/// <summary>Sets database-specific table options (<c>provider.option</c> keys, e.g. <c>mysql.engine</c>).</summary>
public sealed record SetTableOptionsOperation(string Table, IReadOnlyDictionary<string, string> Options) : TableOperation(Table)
{
    /// <summary>The options as they are (the same keys), to set them back when reversed.</summary>
    public IReadOnlyDictionary<string, string>? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing is null
            ? throw new IrreversibleOperationException(this, $"SetTableOptions(\"{Table}\") does not carry the options as they were (Existing)")
            : new SetTableOptionsOperation(Table, Existing) { Schema = Schema, Existing = Options };
}

/// <summary>Raw SQL; parameters are positional <c>?</c> and bound by the driver (rendered as literals offline).</summary>
public sealed record ExecuteSqlOperation(string Sql, IReadOnlyList<object?> Parameters) : MigrationOperation
{
    /// <summary>Run outside any transaction, e.g. CREATE INDEX CONCURRENTLY.</summary>
    public bool OutsideTransaction { get; init; }
}

/// <summary>Rows to insert: each row gives a value per column, in order.</summary>
public sealed record BulkInsertOperation(string Table, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : TableOperation(Table);

public sealed record CreateSchemaOperation(string Name) : MigrationOperation
{
    public override MigrationOperation Reverse() => new DropSchemaOperation(Name);
}

public sealed record DropSchemaOperation(string Name) : MigrationOperation
{
    public override MigrationOperation Reverse() => new CreateSchemaOperation(Name);
}

/// <summary>
/// Several changes to one table applied together: on SQLite one table rebuild (Alembic's batch mode), elsewhere
/// the plain statements. <see cref="CopyFrom"/> describes the table for offline SQLite scripts.
/// </summary>
public sealed record BatchAlterTableOperation(string Table, IReadOnlyList<TableOperation> Operations) : TableOperation(Table)
{
    public CreateTableOperation? CopyFrom { get; init; }

    /// <summary>Each change reversed, last first.</summary>
    public override MigrationOperation Reverse() =>
        new BatchAlterTableOperation(Table, Operations.Reverse().Select(o => (TableOperation)o.Reverse()).ToList()) { Schema = Schema };
}

/// <summary>Code run against the live database (<c>op.Run</c>); it has no SQL of its own and no inverse.</summary>
public sealed record RunOperation(Func<RevisionDatabase, CancellationToken, Task> Action) : MigrationOperation
{
    public override MigrationOperation Reverse() => throw new IrreversibleOperationException(this, "it runs code; write its inverse in Downgrade");
}
