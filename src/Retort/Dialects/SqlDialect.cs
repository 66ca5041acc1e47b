using System.Data.Common;
using System.Globalization;
using System.Text;
using Retort.Ops;

namespace Retort.Dialects;

/// <summary>
/// A provider's SQL: one <c>Generate</c> per operation (EF Core style: override the one that differs), quoting,
/// literals and the version table's statements. Needs no database, so online and offline runs share it; a
/// provider that must read the live schema first (SQLite's table rebuild) overrides <see cref="GenerateAsync"/>.
/// </summary>
public abstract partial class SqlDialect(DatabaseProvider provider)
{
    /// <summary>The provider this SQL belongs to (its name, capabilities, type mapping).</summary>
    public DatabaseProvider Provider { get; } = provider;

    /// <summary>The provider's name: sqlite, postgresql, mysql, mssql, or a registered provider's.</summary>
    public string Name => Provider.Name;

    /// <summary>A connection of the provider's driver (kept here for callers that hold a dialect).</summary>
    public DbConnection CreateConnection(string connectionString) => Provider.CreateConnection(connectionString);

    /// <summary>
    /// The database's lexical rules (string literals, quoted identifiers, comments) for finding the <c>?</c>
    /// placeholders of a statement: one scanner (<see cref="SqlPlaceholders"/>) serves live binding and offline scripts.
    /// </summary>
    public virtual SqlLexicon Lexicon => SqlLexicon.Standard;

    /// <summary>
    /// An expression (default, check, generated column, index expression or predicate) in a form where the model's
    /// text and the text this database prints back are equal exactly when they mean the same
    /// (<see cref="SqlExpressionText"/>); providers add how their catalog respells expressions.
    /// </summary>
    public virtual string NormalizeExpression(string sql) => SqlExpressionText.Normalize(sql, Lexicon);

    /// <summary>
    /// How the driver spells the i-th (0-based) positional parameter in SQL, and the name to give the parameter
    /// object (null: unnamed, matched by position). Default: named <c>@retort_p0</c>, <c>@retort_p1</c> ….
    /// </summary>
    public virtual (string Placeholder, string? ParameterName) DriverParameter(int index) => ("@retort_p" + index, "@retort_p" + index);

    /// <summary>ANSI double-quoted identifiers; providers with other quoting override.</summary>
    public virtual string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public string Qualify(string name, string? schema) =>
        schema is null ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>The SQL for one operation, needing no database (used online and offline).</summary>
    public IReadOnlyList<SqlStatement> Generate(MigrationOperation operation) => operation switch
    {
        CreateTableOperation o => Generate(o),
        DropTableOperation o => Generate(o),
        RenameTableOperation o => Generate(o),
        AddColumnOperation o => Generate(o),
        DropColumnOperation o => Generate(o),
        AlterColumnOperation o => Generate(o),
        CreateIndexOperation o => Generate(o),
        DropIndexOperation o => Generate(o),
        CreatePrimaryKeyOperation o => Generate(o),
        CreateUniqueConstraintOperation o => Generate(o),
        CreateForeignKeyOperation o => Generate(o),
        CreateCheckConstraintOperation o => Generate(o),
        DropConstraintOperation o => Generate(o),
        ValidateConstraintOperation o => Generate(o),
        UnvalidateConstraintOperation o => Generate(o),
        TableCommentOperation o => Generate(o),
        IndexCommentOperation o => Generate(o),
        ExecuteSqlOperation o => [new SqlStatement(o.Sql) { Parameters = o.Parameters, OutsideTransaction = o.OutsideTransaction }],
        BulkInsertOperation o => Generate(o),
        InsertDataOperation o => Generate(o),
        DeleteDataOperation o => Generate(o),
        UpdateDataOperation o => Generate(o),
        CreateSchemaOperation o => [$"CREATE SCHEMA {QuoteIdentifier(o.Name)}"],
        DropSchemaOperation o => [$"DROP SCHEMA {QuoteIdentifier(o.Name)}"],
        BatchAlterTableOperation o => Generate(o),
        CreateTypeOperation o => Generate(o),
        DropTypeOperation o => Generate(o),
        AddEnumValueOperation o => Generate(o),
        DropEnumValueOperation o => Generate(o),
        SetTableOptionsOperation o => Generate(o),
        CreateSequenceOperation o => Generate(o),
        DropSequenceOperation o => Generate(o),
        CreateViewOperation o => Generate(o),
        DropViewOperation o => Generate(o),
        ReplaceViewOperation o => Generate(o),
        CreateRoutineOperation o => Generate(o),
        DropRoutineOperation o => Generate(o),
        ReplaceRoutineOperation o => Generate(o),
        CreateTriggerOperation o => Generate(o),
        DropTriggerOperation o => Generate(o),
        ReplaceTriggerOperation o => Generate(o),
        CreateExtensionOperation o => Generate(o),
        DropExtensionOperation o => Generate(o),
        AttachPartitionOperation o => Generate(o),
        DetachPartitionOperation o => Generate(o),
        AddPartitionsOperation o => Generate(o),
        DropPartitionsOperation o => Generate(o),
        ReorganizePartitionsOperation o => Generate(o),
        PartitionTableOperation o => Generate(o),
        CreateVirtualTableOperation o => Generate(o),
        DropVirtualTableOperation o => Generate(o),
        _ => SqlGenerators.Find(Name, operation.GetType()) is { } extension ? extension(operation, this) : GenerateOther(operation),
    };

    /// <summary>
    /// Operations outside Retort's own set with no registered generator: a provider handles its own operations
    /// here (e.g. a sequence or a type only it has); by default the error saying how to register one.
    /// </summary>
    protected virtual IReadOnlyList<SqlStatement> GenerateOther(MigrationOperation operation) =>
        throw new NotSupportedException(
            $"The {Name} provider has no SQL for {operation.GetType().Name}: register it with SqlGenerators.Register<{operation.GetType().Name}>(…).");

    /// <summary>
    /// The SQL for one operation when a live connection is at hand; dialects that must read the current schema
    /// (SQLite's table rebuild) override this.
    /// </summary>
    public virtual ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(
        MigrationOperation operation, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Generate(operation));

    /// <summary>Whether <see cref="GenerateAsync"/> reads the live schema for this operation (otherwise its SQL is <see cref="Generate(MigrationOperation)"/>).</summary>
    public virtual bool ReadsDatabase(MigrationOperation operation) => false;

    // ---- tables ------------------------------------------------------------------------------------------

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateTableOperation o)
    {
        if (o.Partitions.Count > 0)
            throw new NotSupportedException($"The {Name} provider writes no partitions inside a table's definition (table {o.Name}, partition {o.Partitions[0].Name}).");
        var statements = new List<SqlStatement>(BeforeColumns(o.Name, o.Schema, o.Columns));
        statements.Add($"{CreateTableWords(o)} {Qualify(o.Name, o.Schema)} (\n    {string.Join(",\n    ", TableBody(o))}\n){TableSuffix(o)}");
        if (!InlineComments)
        {
            if (o.Comment is not null) statements.AddRange(TableComment(o.Name, o.Schema, o.Comment));
            foreach (var c in o.Columns.Where(c => c.Comment is not null)) statements.AddRange(ColumnComment(o.Name, o.Schema, c.Name, c.Comment));
        }
        foreach (var index in o.Indexes) statements.AddRange(Generate(CreateIndexOperation.From(index, o.Name, o.Schema) with { IfNotExists = o.IfNotExists }));
        return statements;
    }

    /// <summary>Column definitions and table constraints of a CREATE TABLE, named by the naming convention.</summary>
    protected internal IReadOnlyList<string> TableBody(CreateTableOperation o)
    {
        var parts = o.Columns.Select(c => ColumnDefinition(o.Name, c)).ToList();
        var pkColumns = o.PrimaryKey?.Columns ?? o.Columns.Where(c => c.PrimaryKey && !InlinePrimaryKey(c)).Select(c => c.Name).ToArray();
        if (pkColumns.Length > 0 && !o.Columns.Any(InlinePrimaryKey))
            parts.Add($"{ConstraintName(o.PrimaryKey?.Name, () => Naming.PrimaryKey(o.Name))}PRIMARY KEY ({Columns(pkColumns)})");
        foreach (var u in o.UniqueConstraints)
            parts.Add($"{ConstraintName(u.Name, () => Naming.Unique(o.Name, u.Columns))}UNIQUE ({Columns(u.Columns)})");
        var checkIndex = 0;
        foreach (var c in o.CheckConstraints)
        {
            ++checkIndex;
            parts.Add($"{ConstraintName(c.Name, () => Naming.Check(o.Name, checkIndex))}CHECK ({c.Sql})");
        }
        foreach (var c in o.Columns.Where(c => c.Type.Kind == SqlTypeKind.Enum && !NativeEnum))
            parts.Add($"CONSTRAINT {QuoteIdentifier(Naming.Check(o.Name, c.Name))} CHECK ({EnumCheck(c)})");
        foreach (var fk in o.ForeignKeys) parts.Add(ForeignKeyClause(o.Name, fk));
        return parts;
    }

    /// <summary>"CONSTRAINT name " for a named constraint (null: the convention's name), nothing for an empty name.</summary>
    protected internal string ConstraintName(string? name, Func<string> convention) =>
        name == "" ? "" : $"CONSTRAINT {QuoteIdentifier(name ?? convention())} ";

    protected virtual string TableSuffix(CreateTableOperation o) => "";

    /// <summary>Comments written inside CREATE TABLE / column definitions (MySQL) rather than as statements.</summary>
    protected virtual bool InlineComments => false;

    protected string CustomType(SqlType type) =>
        type.CustomByDialect!.TryGetValue(Name, out var t) || type.CustomByDialect!.TryGetValue("*", out t)
            ? t
            : throw new NotSupportedException($"The custom type has no spelling for {Name}.");

    /// <summary>Statements a table's columns need first, e.g. PostgreSQL's CREATE TYPE for enums.</summary>
    protected virtual IEnumerable<SqlStatement> BeforeColumns(string table, string? schema, IEnumerable<Column> columns) => [];

    protected virtual IReadOnlyList<SqlStatement> Generate(DropTableOperation o) => [$"DROP TABLE {IfExists(o.IfExists)}{Qualify(o.Name, o.Schema)}"];

    /// <summary><c>CREATE TABLE</c>, or <c>CREATE TABLE IF NOT EXISTS</c>.</summary>
    protected string CreateTableWords(CreateTableOperation o) => o.IfNotExists ? "CREATE TABLE IF NOT EXISTS" : "CREATE TABLE";

    /// <summary>"IF EXISTS " before a dropped object's name, when asked for.</summary>
    protected static string IfExists(bool ifExists) => ifExists ? "IF EXISTS " : "";

    /// <summary>"IF NOT EXISTS " before a created object's name, when asked for.</summary>
    protected static string IfNotExists(bool ifNotExists) => ifNotExists ? "IF NOT EXISTS " : "";

    protected virtual IReadOnlyList<SqlStatement> Generate(RenameTableOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} RENAME TO {QuoteIdentifier(o.NewName)}"];

    protected virtual IReadOnlyList<SqlStatement> Generate(TableCommentOperation o) => TableComment(o.Table, o.Schema, o.Comment);

    /// <summary>Only where <see cref="ProviderCapabilities.IndexCommentAlone"/> (elsewhere the index is created again).</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(IndexCommentOperation o) =>
        throw new NotSupportedException($"{Name} cannot change the comment of the index {o.Name} alone: drop and create the index with its comment.");

    protected virtual IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) =>
        [$"COMMENT ON TABLE {Qualify(table, schema)} IS {(comment is null ? "NULL" : StringLiteral(comment))}"];

    protected virtual IReadOnlyList<SqlStatement> ColumnComment(string table, string? schema, string column, string? comment) =>
        [$"COMMENT ON COLUMN {Qualify(table, schema)}.{QuoteIdentifier(column)} IS {(comment is null ? "NULL" : StringLiteral(comment))}"];

    // ---- columns -----------------------------------------------------------------------------------------

    protected virtual IReadOnlyList<SqlStatement> Generate(AddColumnOperation o)
    {
        var statements = new List<SqlStatement>(BeforeColumns(o.Table, o.Schema, [o.Column]));
        statements.Add($"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD COLUMN {ColumnDefinition(o.Table, o.Column)}");
        if (o.Column.Type.Kind == SqlTypeKind.Enum && !NativeEnum)
            statements.Add($"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD CONSTRAINT {QuoteIdentifier(Naming.Check(o.Table, o.Column.Name))} CHECK ({EnumCheck(o.Column)})");
        if (o.Column.Comment is not null && !InlineComments) statements.AddRange(ColumnComment(o.Table, o.Schema, o.Column.Name, o.Column.Comment));
        return statements;
    }

    protected virtual IReadOnlyList<SqlStatement> Generate(DropColumnOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP COLUMN {QuoteIdentifier(o.Column)}"];

    /// <summary>ANSI/PostgreSQL style: one ALTER per change.</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        RequireNoDefinition(o);
        var table = Qualify(o.Table, o.Schema);
        var column = QuoteIdentifier(o.Column);
        var list = new List<SqlStatement>();
        if (o.Type is not null) list.Add($"ALTER TABLE {table} ALTER COLUMN {column} TYPE {TypeToSql(o.Type)}");
        if (o.Nullable is { } nullable) list.Add($"ALTER TABLE {table} ALTER COLUMN {column} {(nullable ? "DROP NOT NULL" : "SET NOT NULL")}");
        if (o.ChangeServerDefault)
            list.Add(o.ServerDefault is null
                ? $"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT"
                : $"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {o.ServerDefault}");
        if (o.ChangeComment) list.AddRange(ColumnComment(o.Table, o.Schema, o.Column, o.Comment));
        if (o.NewName is not null) list.Add($"ALTER TABLE {table} RENAME COLUMN {column} TO {QuoteIdentifier(o.NewName)}");
        return list;
    }

    /// <summary>A column restatement (<see cref="AlterColumnOperation.Definition"/>) needs its provider's own SQL.</summary>
    protected void RequireNoDefinition(AlterColumnOperation o)
    {
        if (o.Definition is not null)
            throw new NotSupportedException($"The {Name} provider cannot yet change {o.Table}.{o.Column}'s collation, charset, identity, generated expression or ON UPDATE.");
    }

    /// <summary>Whether a primary-key column carries its PRIMARY KEY inline (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT).</summary>
    protected virtual bool InlinePrimaryKey(Column column) => false;

    /// <summary>Whether the database has an enum type; otherwise enums are strings with a CHECK.</summary>
    protected bool NativeEnum => Provider.Capabilities.NativeEnums;

    protected string EnumCheck(Column c) =>
        $"{QuoteIdentifier(c.Name)} IN ({string.Join(", ", (c.Type.EnumValues ?? []).Select(StringLiteral))})";

    protected internal virtual string ColumnDefinition(string table, Column column)
    {
        var sb = new StringBuilder();
        sb.Append(QuoteIdentifier(column.Name)).Append(' ').Append(TypeToSql(column.Type));
        if (column.Collation is not null) sb.Append(" COLLATE ").Append(QuoteIdentifier(column.Collation));
        if (column.Computed is { } computed) sb.Append(ComputedClause(computed));
        if (column.Autoincrement || column.Identity is not null) sb.Append(IdentityClause(table, column));
        if (column.ServerDefault is not null) sb.Append(" DEFAULT ").Append(column.ServerDefault);
        if (!column.Nullable || column.PrimaryKey) sb.Append(" NOT NULL");
        if (InlinePrimaryKey(column)) sb.Append(" PRIMARY KEY AUTOINCREMENT");
        sb.Append(InlineColumnComment(column));
        return sb.ToString();
    }

    /// <summary>A generated column, in the SQL-standard spelling most databases share.</summary>
    protected virtual string ComputedClause(ComputedColumn computed) =>
        $" GENERATED ALWAYS AS ({computed.Sql}) {(computed.Stored ? "STORED" : "VIRTUAL")}";

    /// <summary>What makes an autoincrement column generate its values (IDENTITY, AUTO_INCREMENT …).</summary>
    protected virtual string IdentityClause(string table, Column column) => "";

    protected virtual string InlineColumnComment(Column column) => "";

    // ---- indexes and constraints -------------------------------------------------------------------------

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o)
    {
        RequireNoIndexExtras(o);
        var sql = $"CREATE {(o.Unique ? "UNIQUE " : "")}INDEX {IfNotExists(o.IfNotExists)}{QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)} ({IndexKeys(o)})";
        if (o.Where is not null) sql += $" WHERE {o.Where}";
        return [sql];
    }

    /// <summary>
    /// An index's key list: columns, or its elements with expression, collation, operator class, order and NULLS
    /// placement in the SQL-standard spelling (a prefix length is MySQL's and needs its provider).
    /// </summary>
    protected virtual string IndexKeys(CreateIndexOperation o)
    {
        if (o.Elements is null) return Columns(o.Columns);
        return string.Join(", ", o.Elements.Select(e =>
        {
            if (e.PrefixLength is not null) throw new NotSupportedException($"The {Name} provider has no index prefix lengths (index {o.Name}).");
            var sb = new StringBuilder(e.IsExpression ? "(" + e.Text + ")" : QuoteIdentifier(e.Text));
            if (e.Collation is not null) sb.Append(" COLLATE ").Append(QuoteIdentifier(e.Collation));
            if (e.OperatorClass is not null) sb.Append(' ').Append(e.OperatorClass);
            if (e.Descending) sb.Append(" DESC");
            if (e.Nulls != NullsOrder.Default) sb.Append(e.Nulls == NullsOrder.First ? " NULLS FIRST" : " NULLS LAST");
            return sb.ToString();
        }));
    }

    /// <summary>Index features the base SQL cannot write: a provider that has them overrides Generate(CreateIndexOperation).</summary>
    protected void RequireNoIndexExtras(CreateIndexOperation o)
    {
        if (o.Method is not null) throw new NotSupportedException($"The {Name} provider does not write index methods (index {o.Name} USING {o.Method}).");
        if (o.Kind != IndexKind.Default) throw new NotSupportedException($"The {Name} provider has no {o.Kind} indexes (index {o.Name}).");
        if (o.Include.Count > 0) throw new NotSupportedException($"The {Name} provider does not write INCLUDE columns (index {o.Name}).");
    }

    protected virtual IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) => [$"DROP INDEX {IfExists(o.IfExists)}{Qualify(o.Name, o.Schema)}"];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreatePrimaryKeyOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD {ConstraintName(o.Name, () => Naming.PrimaryKey(o.Table))}PRIMARY KEY ({Columns(o.Columns)})"];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateUniqueConstraintOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD CONSTRAINT {QuoteIdentifier(o.Name)} UNIQUE ({Columns(o.Columns)})"];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateForeignKeyOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD {ForeignKeyClause(o.Table, o.ForeignKey with { Name = o.Name })}"];

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateCheckConstraintOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD CONSTRAINT {QuoteIdentifier(o.Name)} CHECK ({o.Sql})"];

    /// <summary>Databases that check existing rows when a constraint is added (and add NOT VALID ones plainly) have nothing left to validate.</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(ValidateConstraintOperation o) => [];

    /// <summary>The constraint dropped and added again as its definition says (NOT VALID).</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(UnvalidateConstraintOperation o) =>
        [.. Generate(new DropConstraintOperation(o.Constraint.Name, o.Table, o.Constraint.Kind) { Schema = o.Schema }), .. Generate((MigrationOperation)(o.Constraint with { Schema = o.Schema }))];

    protected virtual IReadOnlyList<SqlStatement> Generate(DropConstraintOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP CONSTRAINT {QuoteIdentifier(o.Name)}"];

    protected internal virtual string ForeignKeyClause(string table, ForeignKey fk)
    {
        var sql = $"{ConstraintName(fk.Name, () => Naming.ForeignKey(table, fk.Columns, fk.ReferencedTable))}FOREIGN KEY ({Columns(fk.Columns)}) "
                  + $"REFERENCES {Qualify(fk.ReferencedTable, fk.ReferencedSchema)} ({Columns(fk.ReferencedColumns)})";
        if (fk.OnDelete is { } d) sql += " ON DELETE " + Action(d);
        if (fk.OnUpdate is { } u) sql += " ON UPDATE " + Action(u);
        if (fk.Deferrable) sql += fk.InitiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE";
        return sql;
    }

    protected virtual string Action(ReferentialAction a) => a switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        ReferentialAction.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    protected string Columns(IEnumerable<string> names) => string.Join(", ", names.Select(QuoteIdentifier));

    // ---- user-defined types (providers that have them override) ----------------------------------------------

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateTypeOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no user-defined types ({o.Definition.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DropTypeOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no user-defined types ({o.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(AddEnumValueOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no enum types ({o.TypeName}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DropEnumValueOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no enum types ({o.TypeName}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(CreateSequenceOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no sequences ({o.Definition.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(DropSequenceOperation o) =>
        throw new NotSupportedException($"The {Name} provider has no sequences ({o.Name}).");

    protected virtual IReadOnlyList<SqlStatement> Generate(SetTableOptionsOperation o) =>
        throw new NotSupportedException($"The {Name} provider cannot change table options ({o.Table}: {string.Join(", ", o.Options.Keys)}).");

    // ---- data and batches --------------------------------------------------------------------------------

    protected virtual IReadOnlyList<SqlStatement> Generate(BulkInsertOperation o)
    {
        var list = new List<SqlStatement>();
        foreach (var chunk in o.Rows.Chunk(200))
        {
            var row = "(" + string.Join(", ", o.Columns.Select(_ => "?")) + ")";
            list.Add(new SqlStatement($"INSERT INTO {Qualify(o.Table, o.Schema)} ({Columns(o.Columns)}) VALUES {string.Join(", ", chunk.Select(_ => row))}")
            {
                Parameters = chunk.SelectMany(r => r).ToList(),
            });
        }
        return list;
    }

    /// <summary>Databases with a full ALTER TABLE just run the batch's changes one by one.</summary>
    protected virtual IReadOnlyList<SqlStatement> Generate(BatchAlterTableOperation o) =>
        o.Operations.SelectMany(op => Generate(op with { Schema = op.Schema ?? o.Schema })).ToList();

    public abstract string TypeToSql(SqlType type);

    public virtual string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A value as a SQL literal, for offline scripts.</summary>
    public virtual string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => StringLiteral(s),
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => StringLiteral(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset d => StringLiteral(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        Guid g => StringLiteral(g.ToString()),
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => StringLiteral(value.ToString() ?? ""),
    };

    /// <summary>
    /// Inlines positional parameters (written as <c>?</c>) as literals for offline output. A statement without
    /// arguments is left as written (a <c>?</c> in it is the database's, e.g. PostgreSQL's jsonb operator); with
    /// arguments, their number must equal the placeholders' (<see cref="PlaceholderCountException"/>).
    /// </summary>
    public string RenderInline(SqlStatement statement) =>
        statement.Parameters.Count == 0
            ? statement.Sql
            : SqlPlaceholders.Replace(statement.Sql, Lexicon, statement.Parameters.Count, i => Literal(statement.Parameters[i]));

    // ---- DDL lock timeout ----------------------------------------------------------------------------------

    /// <summary>The server setting <c>ddl_lock_timeout</c> sets (lock_timeout, lock_wait_timeout); null: none.</summary>
    public virtual string? LockTimeoutSetting => null;

    /// <summary>
    /// The statements that make the next DDL statement wait at most <paramref name="timeout"/> for its lock;
    /// <paramref name="inTransaction"/>: they may be scoped to the transaction. None where there is no such setting.
    /// </summary>
    public virtual IReadOnlyList<SqlStatement> LockTimeout(TimeSpan timeout, bool inTransaction) => [];

    // ---- version table -------------------------------------------------------------------------------------

    public virtual string VersionColumnType => "VARCHAR(32)";

    public virtual IReadOnlyList<SqlStatement> CreateVersionTable(string table, string? schema) =>
    [
        $"CREATE TABLE {Qualify(table, schema)} (\n    version_num {VersionColumnType} NOT NULL, \n    CONSTRAINT {QuoteIdentifier(table + "_pkc")} PRIMARY KEY (version_num)\n)",
    ];

    /// <summary>A query that succeeds when the version table exists (its rows are ignored).</summary>
    public virtual SqlStatement VersionTableExists(string table, string? schema) => $"SELECT 1 FROM {Qualify(table, schema)} WHERE 1 = 0";

    public virtual SqlStatement SelectVersions(string table, string? schema) =>
        $"SELECT version_num FROM {Qualify(table, schema)}";

    public virtual SqlStatement InsertVersion(string table, string? schema, string version) =>
        $"INSERT INTO {Qualify(table, schema)} (version_num) VALUES ({StringLiteral(version)})";

    public virtual SqlStatement UpdateVersion(string table, string? schema, string from, string to) =>
        $"UPDATE {Qualify(table, schema)} SET version_num={StringLiteral(to)} WHERE {Qualify(table, schema)}.version_num = {StringLiteral(from)}";

    public virtual SqlStatement DeleteVersion(string table, string? schema, string version) =>
        $"DELETE FROM {Qualify(table, schema)} WHERE {Qualify(table, schema)}.version_num = {StringLiteral(version)}";

    public virtual SqlStatement DeleteAllVersions(string table, string? schema) => $"DELETE FROM {Qualify(table, schema)}";
}
