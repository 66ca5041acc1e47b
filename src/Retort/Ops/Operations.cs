using Retort.Ops;

namespace Retort;

/// <summary>
/// What a revision's Upgrade and Downgrade call (Alembic's <c>op</c>). Each call records an operation; the runtime
/// turns the recorded operations into the dialect's SQL and runs them, or prints them in offline mode.
/// </summary>
public partial class Operations
{
    private readonly List<MigrationOperation> _recorded = [];

    public IReadOnlyList<MigrationOperation> Recorded => _recorded;

    /// <summary>Records an operation; for extensions that define operations of their own.</summary>
    public void Add(MigrationOperation operation) => _recorded.Add(operation);

    /// <summary>
    /// CREATE TABLE from columns and constraints, as SQLAlchemy's Table takes them:
    /// <c>op.CreateTable("orders", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new ForeignKey("user_id", "users", "id"))</c>.
    /// </summary>
    public void CreateTable(string name, params ITableElement[] elements) => CreateTable(name, ifNotExists: false, elements);

    /// <summary>CREATE TABLE, with <paramref name="ifNotExists"/>: IF NOT EXISTS (the table's indexes too), e.g.
    /// <c>op.CreateTable("audit", ifNotExists: true, new Column("id", SqlType.Integer()) { PrimaryKey = true })</c>.</summary>
    public void CreateTable(string name, bool ifNotExists, params ITableElement[] elements)
    {
        elements = Named(name, elements.OfType<TableOptions>().LastOrDefault()?.Schema, elements).ToArray();
        var options = elements.OfType<TableOptions>().LastOrDefault();
        Add(new CreateTableOperation(name, elements.OfType<Column>().ToList())
        {
            IfNotExists = ifNotExists,
            Schema = options?.Schema,
            Comment = options?.Comment,
            PrimaryKey = elements.OfType<PrimaryKey>().LastOrDefault(),
            ForeignKeys = elements.OfType<ForeignKey>().ToList(),
            UniqueConstraints = elements.OfType<UniqueConstraint>().ToList(),
            CheckConstraints = elements.OfType<CheckConstraint>().ToList(),
            Indexes = elements.OfType<TableIndex>().ToList(),
            ProviderOptions = options?.ProviderOptions ?? TableOptionBag.Empty,
            PartitionBy = options?.PartitionBy,
            PartitionOf = options?.PartitionOf,
            Partitions = options?.Partitions ?? [],
        });
    }

    public void DropTable(string name, string? schema = null, bool ifExists = false) => Add(new DropTableOperation(name) { Schema = schema, IfExists = ifExists });

    public void RenameTable(string name, string newName, string? schema = null) =>
        Add(new RenameTableOperation(name, newName) { Schema = schema });

    public void AddColumn(string table, Column column, string? schema = null) =>
        Add(new AddColumnOperation(table, column) { Schema = schema });

    public void DropColumn(string table, string column, string? schema = null) =>
        Add(new DropColumnOperation(table, column) { Schema = schema });

    /// <summary>ALTER COLUMN; for MySQL give the existing type/nullability/default, which it must restate.</summary>
    public void AlterColumn(AlterColumnOperation operation) => Add(operation);

    public void AlterColumn(string table, string column, SqlType? type = null, bool? nullable = null, string? newName = null,
        SqlType? existingType = null, bool? existingNullable = null, string? existingServerDefault = null, string? schema = null) =>
        Add(new AlterColumnOperation(table, column)
        {
            Type = type, Nullable = nullable, NewName = newName, ExistingType = existingType, ExistingNullable = existingNullable,
            ExistingServerDefault = existingServerDefault, Schema = schema,
        });

    /// <summary>Sets the column's DEFAULT to an SQL expression, or drops it when <paramref name="serverDefault"/> is null.</summary>
    public void AlterColumnDefault(string table, string column, string? serverDefault, SqlType? existingType = null, bool? existingNullable = null, string? schema = null) =>
        Add(new AlterColumnOperation(table, column)
        {
            ChangeServerDefault = true, ServerDefault = serverDefault, ExistingType = existingType, ExistingNullable = existingNullable, Schema = schema,
        });

    public void AlterColumnComment(string table, string column, string? comment, SqlType? existingType = null, bool? existingNullable = null, string? schema = null) =>
        Add(new AlterColumnOperation(table, column)
        {
            ChangeComment = true, Comment = comment, ExistingType = existingType, ExistingNullable = existingNullable, Schema = schema,
        });

    /// <summary>CREATE INDEX; a null <paramref name="name"/> takes the naming convention's.</summary>
    public void CreateIndex(string? name, string table, string[] columns, bool unique = false, string? where = null, bool concurrently = false, string? schema = null,
        bool ifNotExists = false) =>
        Add(new CreateIndexOperation(name ?? Naming.IndexName(table, columns, schema: schema), table, columns)
            { Unique = unique, Where = where, Concurrently = concurrently, Schema = schema, IfNotExists = ifNotExists });

    /// <summary>CREATE INDEX with everything an index can say: method, key parts (order, expressions), INCLUDE, kind.</summary>
    public void CreateIndex(CreateIndexOperation operation) => Add(operation);

    public void DropIndex(string name, string table, bool concurrently = false, string? schema = null, bool ifExists = false) =>
        Add(new DropIndexOperation(name, table) { Concurrently = concurrently, Schema = schema, IfExists = ifExists });

    /// <summary>ADD CONSTRAINT … PRIMARY KEY; a null <paramref name="name"/> takes the naming convention's (so do the
    /// other constraints' methods).</summary>
    public void CreatePrimaryKey(string? name, string table, string[] columns, string? schema = null) =>
        Add(new CreatePrimaryKeyOperation(name ?? Naming.PrimaryKeyName(table, columns, schema: schema), table, columns) { Schema = schema });

    /// <summary>ADD CONSTRAINT … UNIQUE; <paramref name="concurrently"/>: on PostgreSQL the index is built CONCURRENTLY first and attached (USING INDEX).</summary>
    public void CreateUniqueConstraint(string? name, string table, string[] columns, string? schema = null, bool concurrently = false) =>
        Add(new CreateUniqueConstraintOperation(name ?? Naming.UniqueName(table, columns, schema: schema), table, columns) { Schema = schema, Concurrently = concurrently });

    /// <summary>ADD CONSTRAINT … FOREIGN KEY; <paramref name="validate"/> false adds it NOT VALID (follow with <see cref="ValidateConstraint"/>).</summary>
    public void CreateForeignKey(string? name, string table, string[] columns, string referencedTable, string[] referencedColumns,
        ReferentialAction? onDelete = null, ReferentialAction? onUpdate = null, string? schema = null, string? referencedSchema = null,
        bool deferrable = false, bool initiallyDeferred = false, bool validate = true)
    {
        name ??= Naming.ForeignKeyName(table, columns, referencedTable, referencedColumns, schema: schema);
        Add(new CreateForeignKeyOperation(name, table, new ForeignKey(columns, referencedTable, referencedColumns)
        {
            Name = name, OnDelete = onDelete, OnUpdate = onUpdate, ReferencedSchema = referencedSchema,
            Deferrable = deferrable, InitiallyDeferred = initiallyDeferred, NotValid = !validate,
        }) { Schema = schema });
    }

    /// <summary>ADD CONSTRAINT … CHECK; <paramref name="validate"/> false adds it NOT VALID (follow with <see cref="ValidateConstraint"/>).</summary>
    public void CreateCheckConstraint(string? name, string table, string condition, string? schema = null, bool validate = true) =>
        Add(new CreateCheckConstraintOperation(name ?? Naming.CheckName(table, 1, schema: schema), table, condition) { Schema = schema, NotValid = !validate });

    /// <summary>Checks existing rows against a constraint added with <c>validate: false</c>, without blocking writes (PostgreSQL).</summary>
    public void ValidateConstraint(string table, string name, string? schema = null) =>
        Add(new ValidateConstraintOperation(table, name) { Schema = schema });

    public void DropConstraint(string name, string table, ConstraintKind kind, string? schema = null) =>
        Add(new DropConstraintOperation(name, table, kind) { Schema = schema });

    public void CreateTableComment(string table, string comment, string? schema = null) =>
        Add(new TableCommentOperation(table, comment) { Schema = schema });

    public void DropTableComment(string table, string? schema = null) => Add(new TableCommentOperation(table, null) { Schema = schema });

    /// <summary>COMMENT ON INDEX; <paramref name="existingComment"/> is what the Downgrade sets back (null: none).</summary>
    public void CreateIndexComment(string name, string table, string? comment, string? existingComment = null, string? schema = null) =>
        Add(new IndexCommentOperation(name, table, comment) { ExistingComment = existingComment, Schema = schema });

    /// <summary>Raw SQL, optionally with positional <c>?</c> parameters.</summary>
    public void Execute(string sql, params object?[] parameters) => Add(new ExecuteSqlOperation(sql, parameters));

    /// <summary>Runs the statement outside the migration's transaction (e.g. CREATE INDEX CONCURRENTLY).</summary>
    public void ExecuteOutsideTransaction(string sql) => Add(new ExecuteSqlOperation(sql, []) { OutsideTransaction = true });

    /// <summary>INSERTs rows: <c>op.BulkInsert("roles", ["id", "name"], [[1, "admin"], [2, "user"]])</c>.</summary>
    public void BulkInsert(string table, string[] columns, IEnumerable<object?[]> rows, string? schema = null) =>
        Add(new BulkInsertOperation(table, columns, rows.Select(r => (IReadOnlyList<object?>)r).ToList()) { Schema = schema });

    public void CreateSchema(string name) => Add(new CreateSchemaOperation(name));

    /// <summary>CREATE TYPE … AS ENUM (PostgreSQL); columns use it as <c>SqlType.Named(name)</c>.</summary>
    public void CreateEnumType(string name, string[] values, string? schema = null) =>
        Add(new CreateTypeOperation(new EnumTypeDefinition(name, values) { Schema = schema }));

    /// <summary>CREATE DOMAIN (PostgreSQL): a base type with nullability, default and checks.</summary>
    public void CreateDomain(DomainDefinition domain) => Add(new CreateTypeOperation(domain));

    /// <summary>DROP TYPE / DROP DOMAIN.</summary>
    public void DropType(string name, string? schema = null) => Add(new DropTypeOperation(name) { Schema = schema });

    /// <summary>ALTER TYPE … ADD VALUE, at the end or <paramref name="before"/>/<paramref name="after"/> a value.</summary>
    public void AddEnumValue(string typeName, string value, string? before = null, string? after = null, string? schema = null) =>
        Add(new AddEnumValueOperation(typeName, value) { Before = before, After = after, Schema = schema });

    /// <summary>
    /// Removes a value from an enum type (PostgreSQL rebuilds the type and converts its columns); refused, naming the
    /// rows, while any row holds the value. <paramref name="before"/>/<paramref name="after"/>: where it stood, for the reverse.
    /// </summary>
    public void DropEnumValue(string typeName, string value, string? before = null, string? after = null, string? schema = null) =>
        Add(new DropEnumValueOperation(typeName, value) { Before = before, After = after, Schema = schema });

    public void DropSchema(string name) => Add(new DropSchemaOperation(name));

    /// <summary>
    /// Several changes to one table at once: on SQLite a single table rebuild (Alembic's batch_alter_table).
    /// Offline on SQLite, pass <paramref name="copyFrom"/> (the table as it is), since there is no database to read.
    /// </summary>
    public void BatchAlterTable(string table, Action<Operations> changes, CreateTableOperation? copyFrom = null, string? schema = null)
    {
        var inner = new Operations { Database = Database, IsOffline = IsOffline, Dialect = Dialect, Naming = Naming };
        changes(inner);
        var ops = inner.Recorded.Select(o => o as TableOperation
            ?? throw new ArgumentException($"{o.GetType().Name} cannot be part of a batch on table {table}.")).ToList();
        if (ops.Any(o => o.Table != table))
            throw new ArgumentException($"Every change in BatchAlterTable(\"{table}\") must be on table {table}.");
        Add(new BatchAlterTableOperation(table, ops) { CopyFrom = copyFrom, Schema = schema });
    }
}
