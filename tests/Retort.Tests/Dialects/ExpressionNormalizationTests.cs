using Retort.Dialects;

namespace Retort.Tests.Dialects;

/// <summary>
/// Model expressions against the text each server prints back for them (copied from PostgreSQL 15's
/// pg_get_constraintdef / pg_get_indexdef / information_schema and MariaDB 10.11's SHOW CREATE TABLE): the same
/// meaning must compare equal, and a different meaning must never (a missed change).
/// </summary>
public class ExpressionNormalizationTests
{
    public static TheoryData<string, string, string> Same() => new()
    {
        { "postgresql", "-1", "'-1'::integer" },
        { "postgresql", "a > -1", "(a > '-1'::integer)" },
        { "postgresql", "1.5", "1.5" },
        { "postgresql", "a > 0 AND b < 10", "((a > 0) AND (b < 10))" },
        { "postgresql", "b IN (1, 2, 3)", "(b = ANY (ARRAY[1, 2, 3]))" },
        { "postgresql", "code IN ('a', 'b')", "((code)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))" },
        { "postgresql", "(a + b) * 2 > c", "(((a + b) * 2) > c)" },
        { "postgresql", "NOT (a > 0 AND b > 0)", "(NOT ((a > 0) AND (b > 0)))" },
        { "postgresql", "a - (b - c) > 0", "((a - (b - c)) > 0)" },
        { "postgresql", "lower(v)", "lower((v)::text)" },
        { "postgresql", "a > 0 AND v IS NOT NULL", "((a > 0) AND (v IS NOT NULL))" },
        { "mysql", "CURRENT_TIMESTAMP", "current_timestamp()" },
        { "mysql", "a * 2", "`a` * 2" },
        { "mysql", "1.5", "1.50" },
        { "mysql", "-1", "-1" },
        { "mysql", "a > 0 AND b < 10", "`a` > 0 and `b` < 10" },
        { "mysql", "b IN (1, 2, 3)", "`b` in (1,2,3)" },
        { "sqlite", "a != 0", "a <> 0" },
        { "sqlite", "(1 + 2)", "1 + 2" },
        { "sqlite", "a @ b", "a@b" },
    };

    public static TheoryData<string, string, string> Different() => new()
    {
        { "postgresql", "(a + b) * 2", "((a + (b * 2)))" },
        { "postgresql", "a - (b - c)", "((a - b) - c)" },
        { "postgresql", "a > 0", "(a > 5)" },
        { "postgresql", "(a > 0 OR b > 0) AND c > 0", "((a > 0) OR ((b > 0) AND (c > 0)))" },
        { "postgresql", "NOT (a > 0 AND b > 0)", "((NOT (a > 0)) AND (b > 0))" },
        { "postgresql", "code = 'A'", "((code)::text = 'a'::text)" },
        { "postgresql", "-1", "'-2'::integer" },
        { "mysql", "a * 2", "`a` * 3" },
        { "mysql", "1.5", "1.05" },
        { "sqlite", "lower(v)", "upper(v)" },
        { "sqlite", "a > 0", "a >= 0" },
    };

    [Theory]
    [MemberData(nameof(Same))]
    public void The_same_meaning_compares_equal(string provider, string model, string printed)
    {
        var dialect = DatabaseProviders.Get(provider).Dialect;
        Assert.Equal(dialect.NormalizeExpression(model), dialect.NormalizeExpression(printed));
    }

    [Theory]
    [MemberData(nameof(Different))]
    public void A_different_meaning_never_compares_equal(string provider, string model, string printed)
    {
        var dialect = DatabaseProviders.Get(provider).Dialect;
        Assert.NotEqual(dialect.NormalizeExpression(model), dialect.NormalizeExpression(printed));
    }
}
