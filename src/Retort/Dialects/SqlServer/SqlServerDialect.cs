using System.Data.Common;
using Retort.Ops;

namespace Retort.Dialects.SqlServer;

/// <summary>SQL Server: transactional DDL, GO batches offline, sp_rename, named DEFAULT constraints.</summary>
public class SqlServerDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override SqlLexicon Lexicon => SqlLexicon.SqlServer;

    public override string QuoteIdentifier(string name) => "[" + name.Replace("]", "]]") + "]";

    public override string StringLiteral(string value) => "N'" + value.Replace("'", "''") + "'";

    public override string Literal(object? value) => value is bool b ? (b ? "1" : "0") : base.Literal(value);

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => type.Length is { } n ? $"NVARCHAR({n})" : "NVARCHAR(max)",
        SqlTypeKind.Text => "NVARCHAR(max)",
        SqlTypeKind.Boolean => "BIT",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "FLOAT",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.DateTime => "DATETIME2",
        SqlTypeKind.DateTimeOffset => "DATETIMEOFFSET",
        SqlTypeKind.Uuid => "UNIQUEIDENTIFIER",
        SqlTypeKind.Binary => type.Length is { } n ? $"VARBINARY({n})" : "VARBINARY(max)",
        SqlTypeKind.Json => "NVARCHAR(max)",
        SqlTypeKind.Enum => type.EnumValues is { } v ? $"NVARCHAR({Math.Max(1, v.Max(x => x.Length))})" : "NVARCHAR(255)",
        SqlTypeKind.Custom => CustomType(type),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    protected override string IdentityClause(string table, Column column) => " IDENTITY(1,1)";

    /// <summary>SQL Server has no RESTRICT; NO ACTION is its equivalent (checked at the statement's end).</summary>
    protected override string Action(ReferentialAction a) => a == ReferentialAction.Restrict ? "NO ACTION" : base.Action(a);

    protected override IReadOnlyList<SqlStatement> Generate(AddColumnOperation o) =>
        base.Generate(o).Select(s => s.Sql.Contains(" ADD COLUMN ", StringComparison.Ordinal) ? s with { Sql = s.Sql.Replace(" ADD COLUMN ", " ADD ") } : s).ToList();

    protected override IReadOnlyList<SqlStatement> Generate(RenameTableOperation o) =>
        [$"EXEC sp_rename {StringLiteral(o.Schema is null ? o.Table : o.Schema + "." + o.Table)}, {StringLiteral(o.NewName)}"];

    /// <summary>A column's DEFAULT is a constraint with a generated name; find and drop it first.</summary>
    private string DropDefault(string table, string? schema, string column) =>
        "DECLARE @const_name NVARCHAR(256); "
        + "SELECT @const_name = N'[' + d.name + N']' FROM sys.default_constraints d JOIN sys.columns c ON d.parent_column_id = c.column_id AND d.parent_object_id = c.object_id "
        + $"WHERE d.parent_object_id = OBJECT_ID({StringLiteral(schema is null ? table : schema + "." + table)}) AND c.name = {StringLiteral(column)}; "
        + $"IF @const_name IS NOT NULL EXEC(N'ALTER TABLE {Qualify(table, schema).Replace("'", "''")} DROP CONSTRAINT ' + @const_name)";

    protected override IReadOnlyList<SqlStatement> Generate(DropColumnOperation o) =>
        [DropDefault(o.Table, o.Schema, o.Column), $"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP COLUMN {QuoteIdentifier(o.Column)}"];

    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        RequireNoDefinition(o);
        var table = Qualify(o.Table, o.Schema);
        var list = new List<SqlStatement>();
        if (o.Type is not null || o.Nullable is not null)
        {
            var type = o.Type ?? o.ExistingType
                       ?? throw new RetortException($"SQL Server restates the column type to change {o.Table}.{o.Column}: give existingType to AlterColumn.");
            list.Add($"ALTER TABLE {table} ALTER COLUMN {QuoteIdentifier(o.Column)} {TypeToSql(type)} {((o.Nullable ?? o.ExistingNullable ?? true) ? "NULL" : "NOT NULL")}");
        }
        if (o.ChangeServerDefault)
        {
            list.Add(DropDefault(o.Table, o.Schema, o.Column));
            if (o.ServerDefault is not null)
                list.Add($"ALTER TABLE {table} ADD CONSTRAINT {QuoteIdentifier($"df_{o.Table}_{o.Column}")} DEFAULT {o.ServerDefault} FOR {QuoteIdentifier(o.Column)}");
        }
        if (o.ChangeComment) list.AddRange(ColumnComment(o.Table, o.Schema, o.Column, o.Comment));
        if (o.NewName is not null)
            list.Add($"EXEC sp_rename {StringLiteral((o.Schema is null ? "" : o.Schema + ".") + o.Table + "." + o.Column)}, {StringLiteral(o.NewName)}, 'COLUMN'");
        return list;
    }

    protected override IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o) =>
        o.IfNotExists
            ? throw new NotSupportedException($"SQL Server has no CREATE INDEX IF NOT EXISTS (index {o.Name}).")
            : base.Generate(o with { Concurrently = false });

    protected override IReadOnlyList<SqlStatement> Generate(CreateTableOperation o) =>
        o.IfNotExists ? throw new NotSupportedException($"SQL Server has no CREATE TABLE IF NOT EXISTS (table {o.Name}).") : base.Generate(o);

    /// <summary>WITH NOCHECK: existing rows are not checked and the constraint is untrusted until validated.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(CreateForeignKeyOperation o) =>
        o.ForeignKey.NotValid ? [NoCheck(base.Generate(o)[0].Sql, o)] : base.Generate(o);

    protected override IReadOnlyList<SqlStatement> Generate(CreateCheckConstraintOperation o) =>
        o.NotValid ? [NoCheck(base.Generate(o)[0].Sql, o)] : base.Generate(o);

    private string NoCheck(string addSql, TableOperation o)
    {
        var alter = $"ALTER TABLE {Qualify(o.Table, o.Schema)} ";
        return alter + "WITH NOCHECK " + addSql[alter.Length..];
    }

    protected override IReadOnlyList<SqlStatement> Generate(ValidateConstraintOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} WITH CHECK CHECK CONSTRAINT {QuoteIdentifier(o.Name)}"];

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) =>
        [$"DROP INDEX {IfExists(o.IfExists)}{QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> TableComment(string table, string? schema, string? comment) =>
        [comment is null
            ? $"EXEC sp_dropextendedproperty N'MS_Description', N'schema', {StringLiteral(schema ?? "dbo")}, N'table', {StringLiteral(table)}"
            : $"EXEC sp_addextendedproperty N'MS_Description', {StringLiteral(comment)}, N'schema', {StringLiteral(schema ?? "dbo")}, N'table', {StringLiteral(table)}"];

    protected override IReadOnlyList<SqlStatement> ColumnComment(string table, string? schema, string column, string? comment) =>
        [comment is null
            ? $"EXEC sp_dropextendedproperty N'MS_Description', N'schema', {StringLiteral(schema ?? "dbo")}, N'table', {StringLiteral(table)}, N'column', {StringLiteral(column)}"
            : $"EXEC sp_addextendedproperty N'MS_Description', {StringLiteral(comment)}, N'schema', {StringLiteral(schema ?? "dbo")}, N'table', {StringLiteral(table)}, N'column', {StringLiteral(column)}"];
}
