using System.Text.RegularExpressions;

namespace Retort.Dialects.Postgres;

public partial class PostgresDialect
{
    /// <summary>
    /// PostgreSQL prints a negative or quoted number as a cast string (<c>'-1'::integer</c>), <c>x IN (…)</c> as
    /// <c>x = ANY (ARRAY[…])</c>, and adds casts and parentheses (dropped by the common normal form).
    /// </summary>
    public override string NormalizeExpression(string sql) =>
        AnyArray().Replace(base.NormalizeExpression(QuotedNumber().Replace(sql, "$1")), "in ( $1 )");

    [GeneratedRegex(@"'(-?\d+(?:\.\d+)?)'::(?:integer|bigint|smallint|numeric|real|double precision)\b")]
    private static partial Regex QuotedNumber();

    [GeneratedRegex(@"= any \( array \[ ([^\[\]]*) \] \)")]
    private static partial Regex AnyArray();
}
