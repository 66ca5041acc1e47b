using System.Globalization;
using System.Text;
using Retort.Ops;

namespace Retort.Dialects.Postgres;

/// <summary>PostgreSQL's schema objects besides tables: serial columns, enum and domain types, sequences.</summary>
public partial class PostgresDialect
{
    /// <summary>
    /// A serial column: SERIAL/SMALLSERIAL/BIGSERIAL when its sequence has PostgreSQL's own name and options;
    /// otherwise the sequence is created first (see <see cref="Generate(CreateTableOperation)"/>) and the column
    /// gets its nextval default.
    /// </summary>
    protected internal override string ColumnDefinition(string table, Column column)
    {
        if (column.Identity is not { Kind: IdentityKind.Serial } id) return base.ColumnDefinition(table, column);
        var plain = column with { Autoincrement = false, Identity = null, Nullable = false };
        if (SerialKeyword(column) is { } keyword)
            return base.ColumnDefinition(table, plain with { Type = SqlType.Custom(keyword) });
        return base.ColumnDefinition(table, plain with { ServerDefault = PostgresNames.NextVal(SerialSequence(table, column)) });
    }

    /// <summary>SERIAL and friends say everything when the sequence is the one PostgreSQL would make.</summary>
    private static string? SerialKeyword(Column column)
    {
        var id = column.Identity!;
        if (id.SequenceName is not null || id.Start is not null || id.Increment is not null || id.MinValue is not null
            || id.MaxValue is not null || id.Cache is not null || id.Cycle) return null;
        return column.Type.Kind switch
        {
            SqlTypeKind.SmallInt => "SMALLSERIAL",
            SqlTypeKind.Integer => "SERIAL",
            SqlTypeKind.BigInt => "BIGSERIAL",
            _ => null,
        };
    }

    private static string SerialSequence(string table, Column column) => column.Identity!.SequenceName ?? PostgresNames.Sequence(table, column.Name);

    /// <summary>A serial column spelled out creates its sequence before the table and hands it to the column after.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(CreateTableOperation create)
    {
        var (o, notValid) = WithoutNotValid(create);
        var spelledOut = o.Columns.Where(c => c.Identity is { Kind: IdentityKind.Serial } && SerialKeyword(c) is null).ToList();
        var statements = new List<SqlStatement>();
        foreach (var c in spelledOut)
        {
            var id = c.Identity!;
            statements.Add($"CREATE SEQUENCE {Qualify(SerialSequence(o.Name, c), o.Schema)} AS {id.SequenceType ?? TypeToSql(c.Type)}"
                           + SequenceOptions(id.Start, id.Increment, id.MinValue, id.MaxValue, id.Cache, id.Cycle).TrimEnd());
        }
        statements.AddRange(base.Generate(o));
        foreach (var c in spelledOut)
            statements.Add($"ALTER SEQUENCE {Qualify(SerialSequence(o.Name, c), o.Schema)} OWNED BY {Qualify(o.Name, o.Schema)}.{QuoteIdentifier(c.Name)}");
        statements.AddRange(notValid);
        statements.AddRange(AfterCreateTable(o));
        return statements;
    }

    /// <summary>Sequence options, each only when given (PostgreSQL's defaults otherwise), with a leading space.</summary>
    private static string SequenceOptions(long? start, long? increment, long? min, long? max, long? cache, bool cycle)
    {
        var sb = new StringBuilder();
        string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        if (increment is { } i) sb.Append(" INCREMENT BY ").Append(N(i));
        if (min is { } mn) sb.Append(" MINVALUE ").Append(N(mn));
        if (max is { } mx) sb.Append(" MAXVALUE ").Append(N(mx));
        if (start is { } s) sb.Append(" START WITH ").Append(N(s));
        if (cache is { } ca) sb.Append(" CACHE ").Append(N(ca));
        if (cycle) sb.Append(" CYCLE");
        return sb.ToString();
    }

    protected override IReadOnlyList<SqlStatement> Generate(CreateSequenceOperation o)
    {
        var q = o.Definition;
        return [$"CREATE SEQUENCE {Qualify(q.Name, q.Schema)}{(q.DataType is null ? "" : " AS " + q.DataType)}"
                + SequenceOptions(q.Start, q.Increment, q.MinValue, q.MaxValue, q.Cache, q.Cycle)];
    }

    protected override IReadOnlyList<SqlStatement> Generate(DropSequenceOperation o) => [$"DROP SEQUENCE {Qualify(o.Name, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(CreateTypeOperation o)
    {
        var statements = new List<SqlStatement>();
        switch (o.Definition)
        {
            case EnumTypeDefinition e:
                statements.Add($"CREATE TYPE {Qualify(e.Name, e.Schema)} AS ENUM ({string.Join(", ", e.Values.Select(StringLiteral))})");
                if (e.Comment is not null) statements.Add($"COMMENT ON TYPE {Qualify(e.Name, e.Schema)} IS {StringLiteral(e.Comment)}");
                break;
            case DomainDefinition d:
                var sql = new StringBuilder($"CREATE DOMAIN {Qualify(d.Name, d.Schema)} AS {TypeToSql(d.BaseType)}");
                if (d.Collation is not null) sql.Append(" COLLATE ").Append(QuoteIdentifier(d.Collation));
                if (d.Default is not null) sql.Append(" DEFAULT ").Append(d.Default);
                if (!d.Nullable) sql.Append(" NOT NULL");
                foreach (var c in d.Checks)
                    sql.Append(c.Name is null ? "" : " CONSTRAINT " + QuoteIdentifier(c.Name)).Append(" CHECK (").Append(c.Sql).Append(')');
                statements.Add(sql.ToString());
                if (d.Comment is not null) statements.Add($"COMMENT ON DOMAIN {Qualify(d.Name, d.Schema)} IS {StringLiteral(d.Comment)}");
                break;
            default:
                throw new NotSupportedException($"PostgreSQL has no SQL for a {o.Definition.GetType().Name} ({o.Definition.Name}).");
        }
        return statements;
    }

    /// <summary>DROP DOMAIN for a domain (DROP TYPE refuses one); DROP TYPE otherwise.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(DropTypeOperation o) =>
        [$"DROP {(o.Existing is DomainDefinition ? "DOMAIN" : "TYPE")} {Qualify(o.Name, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(AddEnumValueOperation o) =>
        [$"ALTER TYPE {Qualify(o.TypeName, o.Schema)} ADD VALUE {StringLiteral(o.Value)}"
         + (o.Before is not null ? " BEFORE " + StringLiteral(o.Before) : o.After is not null ? " AFTER " + StringLiteral(o.After) : "")];
}
