using System.Data.Common;
using Microsoft.Data.Sqlite;
using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite: transactional DDL, but a small ALTER TABLE. What it cannot alter in place is done by rebuilding the
/// table (<see cref="SqliteTableRebuild"/>), reading the live definition when a connection is at hand.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    public override string Name => "sqlite";

    public override bool TransactionalDdl => true;

    public override string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override string TypeToSql(SqlType type) => type.Kind switch
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
        SqlTypeKind.Custom => CustomType(type),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    public override string Literal(object? value) => value is bool b ? (b ? "1" : "0") : base.Literal(value);

    /// <summary>AUTOINCREMENT exists only on an inline INTEGER PRIMARY KEY.</summary>
    protected override bool InlinePrimaryKey(Column column) => column.PrimaryKey && column.Autoincrement;

    protected override IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) => [];

    protected override IReadOnlyList<SqlStatement> ColumnComment(string table, string? schema, string column, string? comment) => [];

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) => [$"DROP INDEX {Qualify(o.Name, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o) => base.Generate(o with { Concurrently = false });

    /// <summary>Offline there is no table to read: only a rename is possible in place.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        if (IsRenameOnly(o)) return [$"ALTER TABLE {Qualify(o.Table, o.Schema)} RENAME COLUMN {QuoteIdentifier(o.Column)} TO {QuoteIdentifier(o.NewName!)}"];
        if (IsCommentOnly(o)) return [];
        throw OfflineRebuild(o.Table);
    }

    protected override IReadOnlyList<SqlStatement> Generate(CreatePrimaryKeyOperation o) => throw OfflineRebuild(o.Table);

    protected override IReadOnlyList<SqlStatement> Generate(CreateUniqueConstraintOperation o) => throw OfflineRebuild(o.Table);

    protected override IReadOnlyList<SqlStatement> Generate(CreateForeignKeyOperation o) => throw OfflineRebuild(o.Table);

    protected override IReadOnlyList<SqlStatement> Generate(CreateCheckConstraintOperation o) => throw OfflineRebuild(o.Table);

    protected override IReadOnlyList<SqlStatement> Generate(DropConstraintOperation o) => throw OfflineRebuild(o.Table);

    protected override IReadOnlyList<SqlStatement> Generate(BatchAlterTableOperation o)
    {
        if (o.CopyFrom is null)
        {
            if (o.Operations.All(op => op is AddColumnOperation or RenameTableOperation || (op is AlterColumnOperation a && (IsRenameOnly(a) || IsCommentOnly(a)))))
                return base.Generate(o);
            throw OfflineRebuild(o.Table);
        }
        var createSql = Generate(o.CopyFrom with { Name = o.Table }).Single().Sql;
        return SqliteTableRebuild.Plan(this, o.Table, o.Schema, createSql, [], o.Operations);
    }

    public override async ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, DbConnection connection,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        TableOperation[]? rebuild = operation switch
        {
            BatchAlterTableOperation b => [.. b.Operations],
            AlterColumnOperation a when !IsRenameOnly(a) && !IsCommentOnly(a) => [a],
            DropColumnOperation d => [d],
            CreatePrimaryKeyOperation or CreateUniqueConstraintOperation or CreateForeignKeyOperation
                or CreateCheckConstraintOperation or DropConstraintOperation => [(TableOperation)operation],
            _ => null,
        };
        if (rebuild is null) return Generate(operation);
        var table = (TableOperation)operation;
        var (createSql, indexes) = await SqliteTableRebuild.ReadTableAsync(connection, transaction, table.Table, cancellationToken);
        return SqliteTableRebuild.Plan(this, table.Table, table.Schema, createSql, indexes, rebuild);
    }

    private static bool IsRenameOnly(AlterColumnOperation o) =>
        o.NewName is not null && o.Type is null && o.Nullable is null && !o.ChangeServerDefault;

    private static bool IsCommentOnly(AlterColumnOperation o) =>
        o.NewName is null && o.Type is null && o.Nullable is null && !o.ChangeServerDefault;

    private static RetortException OfflineRebuild(string table) =>
        new($"SQLite cannot make this change to table {table} with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable(\"{table}\", …, copyFrom: <the table as it is>).");
}
