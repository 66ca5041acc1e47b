using System.Data.Common;
using Retort.Ops;

namespace Retort.Dialects.Postgres;

public partial class PostgresDialect(DatabaseProvider provider) : SqlDialect(provider)
{
    public override SqlLexicon Lexicon => SqlLexicon.Postgres;

    /// <summary>$1, $2 …: Npgsql sends unnamed parameters as they are, without parsing the SQL again.</summary>
    public override (string Placeholder, string? ParameterName) DriverParameter(int index) => ("$" + (index + 1), null);

    public override string TypeToSql(SqlType type) => type.Kind switch
    {
        SqlTypeKind.SmallInt => "SMALLINT",
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInt => "BIGINT",
        SqlTypeKind.String => type.Length is { } n ? $"VARCHAR({n})" : "VARCHAR",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "DOUBLE PRECISION",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME WITHOUT TIME ZONE",
        SqlTypeKind.DateTime => "TIMESTAMP WITHOUT TIME ZONE",
        SqlTypeKind.DateTimeOffset => "TIMESTAMP WITH TIME ZONE",
        SqlTypeKind.Uuid => "UUID",
        SqlTypeKind.Binary => "BYTEA",
        SqlTypeKind.Json => "JSONB",
        SqlTypeKind.Enum => QuoteIdentifier(type.EnumName ?? throw new ArgumentException("A PostgreSQL enum needs a type name.")),
        SqlTypeKind.Custom => CustomType(type),
        SqlTypeKind.UserDefined => Qualify(type.TypeName ?? throw new ArgumentException("A named type needs its name."), type.TypeSchema),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    /// <summary>
    /// GENERATED ALWAYS or BY DEFAULT AS IDENTITY with the sequence's name and options when not the defaults; a
    /// plain <see cref="Column.Autoincrement"/> is BY DEFAULT.
    /// </summary>
    protected override string IdentityClause(string table, Column column)
    {
        var id = column.Identity ?? new IdentityOptions();
        var options = SequenceOptions(id.Start, id.Increment, id.MinValue, id.MaxValue, id.Cache, id.Cycle);
        if (id.SequenceName is not null) options = $"SEQUENCE NAME {QuoteIdentifier(id.SequenceName)} " + options;
        return $" GENERATED {(id.Always ? "ALWAYS" : "BY DEFAULT")} AS IDENTITY" + (options.Length == 0 ? "" : $" ({options.Trim()})");
    }

    /// <summary>An enum column needs its type first; a type that already exists (another table's) is kept.</summary>
    protected override IEnumerable<SqlStatement> BeforeColumns(string table, string? schema, IEnumerable<Column> columns) =>
        columns.Where(c => c.Type.Kind == SqlTypeKind.Enum).Select(c => (SqlStatement)(
            $"DO $$ BEGIN CREATE TYPE {Qualify(c.Type.EnumName!, schema)} AS ENUM ({string.Join(", ", c.Type.EnumValues!.Select(StringLiteral))}); "
            + "EXCEPTION WHEN duplicate_object THEN NULL; END $$"));

    protected override IReadOnlyList<SqlStatement> Generate(CreateIndexOperation o)
    {
        if (o.Kind != IndexKind.Default) throw new NotSupportedException($"PostgreSQL has no {o.Kind} indexes (index {o.Name}).");
        var sql = $"CREATE {(o.Unique ? "UNIQUE " : "")}INDEX {(o.Concurrently ? "CONCURRENTLY " : "")}{IfNotExists(o.IfNotExists)}{QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}"
                  + $"{(o.Method is null ? "" : " USING " + o.Method)} ({IndexKeys(o)})";
        if (o.Include.Count > 0) sql += $" INCLUDE ({Columns(o.Include)})";
        if (o.Where is not null) sql += $" WHERE {o.Where}";
        SqlStatement create = new(sql) { OutsideTransaction = o.Concurrently };
        return o.Comment is null ? [create] : [create, $"COMMENT ON INDEX {Qualify(o.Name, o.Schema)} IS {StringLiteral(o.Comment)}"];
    }

    protected override IReadOnlyList<SqlStatement> Generate(IndexCommentOperation o) =>
        [$"COMMENT ON INDEX {Qualify(o.Name, o.Schema)} IS {(o.Comment is null ? "NULL" : StringLiteral(o.Comment))}"];

    protected override IReadOnlyList<SqlStatement> Generate(DropIndexOperation o) =>
        [new SqlStatement($"DROP INDEX {(o.Concurrently ? "CONCURRENTLY " : "")}{IfExists(o.IfExists)}{Qualify(o.Name, o.Schema)}") { OutsideTransaction = o.Concurrently }];

    protected override IReadOnlyList<SqlStatement> Generate(AlterColumnOperation o)
    {
        var list = new List<SqlStatement>();
        // A type change needs an explicit cast for most conversions (e.g. VARCHAR to INTEGER).
        if (o.Type is not null)
            list.Add($"ALTER TABLE {Qualify(o.Table, o.Schema)} ALTER COLUMN {QuoteIdentifier(o.Column)} TYPE {TypeToSql(o.Type)} USING {QuoteIdentifier(o.Column)}::{TypeToSql(o.Type)}");
        // Collation, identity and generation changes come before the base's rename, under the column's old name.
        if (o.Definition is { } definition) list.AddRange(AlterDefinition(o, definition, o.ExistingDefinition ?? new Column(o.Column, definition.Type)));
        list.AddRange(base.Generate(o with { Type = null, Definition = null, ExistingDefinition = null }));
        return list;
    }
}
