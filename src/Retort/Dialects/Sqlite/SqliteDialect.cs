using System.Data.Common;
using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite: transactional DDL, but a small ALTER TABLE. What it cannot alter in place is done by rebuilding the
/// table (<see cref="SqliteTableRebuild"/>), reading the live definition when a connection is at hand.
/// </summary>
public partial class SqliteDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override SqlLexicon Lexicon => SqlLexicon.Sqlite;

    public override string TypeToSql(SqlType type) =>
        type.Kind == SqlTypeKind.Custom ? CustomType(type) : Spelling(type) ?? throw new NotSupportedException(type.Kind.ToString());

    /// <summary>How SQLite writes a portable type; the type mapping reads a declared type back as portable only when
    /// this spells it exactly (SQLite keeps the declared text, and its affinity follows it).</summary>
    internal static string? Spelling(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "VARCHAR",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "FLOAT",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.DateTimeOffset => "DATETIME",
        SqlTypeKind.Uuid => "CHAR(32)",
        SqlTypeKind.Binary => "BLOB",
        SqlTypeKind.Json => "JSON",
        SqlTypeKind.Enum => type.EnumValues is { } v ? $"VARCHAR({Math.Max(1, v.Max(x => x.Length))})" : "VARCHAR",
        _ => null,
    };

    public override string Literal(object? value) => value is bool b ? (b ? "1" : "0") : base.Literal(value);

    protected override IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) => [];

    protected override IReadOnlyList<SqlStatement> ColumnComment(string table, string? schema, string column, string? comment) => [];

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) => [$"DROP INDEX {IfExists(o.IfExists)}{Qualify(o.Name, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o) => base.Generate(o with { Concurrently = false });

    /// <summary>In place: a rename, or nothing for a comment (SQLite keeps none). Anything else is a rebuild.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o) =>
        OfflineOr(o, () => SqliteRebuildRule.IsRenameOnly(o)
            ? [$"ALTER TABLE {Qualify(o.Table, o.Schema)} RENAME COLUMN {QuoteIdentifier(o.Column)} TO {QuoteIdentifier(o.NewName!)}"]
            : []);

    protected override IReadOnlyList<SqlStatement> Generate(DropColumnOperation o) => OfflineOr(o, () => base.Generate(o));

    protected override IReadOnlyList<SqlStatement> Generate(CreatePrimaryKeyOperation o) => OfflineOr(o, () => base.Generate(o));

    protected override IReadOnlyList<SqlStatement> Generate(CreateUniqueConstraintOperation o) => OfflineOr(o, () => base.Generate(o));

    protected override IReadOnlyList<SqlStatement> Generate(CreateForeignKeyOperation o) => OfflineOr(o, () => base.Generate(o));

    protected override IReadOnlyList<SqlStatement> Generate(CreateCheckConstraintOperation o) => OfflineOr(o, () => base.Generate(o));

    protected override IReadOnlyList<SqlStatement> Generate(DropConstraintOperation o) => OfflineOr(o, () => base.Generate(o));

    /// <summary>STRICT and WITHOUT ROWID: always a rebuild (online, or offline in a batch with copyFrom).</summary>
    protected override IReadOnlyList<SqlStatement> Generate(SetTableOptionsOperation o) => OfflineOr(o, () => []);

    /// <summary>A batch runs in place when it can; otherwise it is rebuilt offline from <see cref="BatchAlterTableOperation.CopyFrom"/>.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(BatchAlterTableOperation o)
    {
        if (SqliteRebuildRule.Rebuild(o, canReadTable: false) is not { } changes) return base.Generate(o);
        if (o.CopyFrom is null) throw OfflineRebuild(o.Table);
        var createSql = Generate(o.CopyFrom with { Name = o.Table, Indexes = [] }).Single().Sql;
        return SqliteTableRebuild.Plan(this, o.Table, o.Schema, createSql, [], changes);
    }

    public override bool ReadsDatabase(MigrationOperation operation) => SqliteRebuildRule.Rebuild(operation, canReadTable: true) is not null;

    /// <summary>Online, the rebuild reads the table's definition and indexes from the database.</summary>
    public override async ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, DbConnection connection,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (SqliteRebuildRule.Rebuild(operation, canReadTable: true) is not { } changes) return Generate(operation);
        var table = (TableOperation)operation;
        var (createSql, indexes) = await SqliteTableRebuild.ReadTableAsync(connection, transaction, table.Table, cancellationToken);
        var plan = SqliteTableRebuild.Plan(this, table.Table, table.Schema, createSql, indexes, changes);
        // DROP TABLE takes the table's triggers with it, and the rename refuses while a view names a missing table.
        plan = (await SqliteDependents.ReadAsync(connection, transaction, table.Table, cancellationToken)).Around(this, plan);
        if (!await SqliteTableRebuild.ForeignKeysEnforcedAsync(connection, transaction, cancellationToken)) return plan;
        // Enforced foreign keys would make DROP TABLE delete the old rows first, firing ON DELETE actions in the
        // child tables. SQLite ignores PRAGMA foreign_keys inside a transaction (and defer_foreign_keys still fires
        // the actions), so enforcement can only be switched off around a rebuild that runs outside one.
        if (transaction is not null)
            throw new RetortException($"Cannot rebuild SQLite table {table.Table} while foreign keys are enforced inside the migration's transaction: dropping the old table would fire ON DELETE actions. Remove 'Foreign Keys=True' from the URL (Retort checks the keys itself after the rebuild).");
        return [new SqlStatement("PRAGMA foreign_keys = OFF"), .. plan, new SqlStatement("PRAGMA foreign_keys = ON")];
    }

    /// <summary>Offline (no table to read): the in-place SQL, or the error saying a rebuild needs the definition.</summary>
    private IReadOnlyList<SqlStatement> OfflineOr(TableOperation o, Func<IReadOnlyList<SqlStatement>> inPlace) =>
        SqliteRebuildRule.Needs(o, canReadTable: false) ? throw OfflineRebuild(o.Table) : inPlace();

    private static RetortException OfflineRebuild(string table) =>
        new($"SQLite cannot make this change to table {table} with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable(\"{table}\", …, copyFrom: <the table as it is>).");
}
