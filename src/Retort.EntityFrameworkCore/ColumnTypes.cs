using Retort.Dialects;
using Retort.Schema;

namespace Retort.EntityFrameworkCore;

/// <summary>
/// EF store types as Retort types: the portable type when Retort writes exactly the same type on this database
/// (so generated revisions read <c>SqlType.String(100)</c>), else the store type verbatim for this dialect.
/// </summary>
internal static class ColumnTypes
{
    public static SqlType Map(string dialect, string storeType)
    {
        var portable = dialect switch
        {
            "postgresql" => TypeMapper.FromPostgres(storeType),
            "mysql" => TypeMapper.FromMySql(storeType),
            "sqlite" => TypeMapper.FromSqlite(storeType),
            _ => null,
        };
        if (portable is not null && portable.Kind != SqlTypeKind.Custom && SqlDialects.Find(dialect) is { } d && Same(dialect, Render(d, portable), storeType))
            return portable;
        return SqlType.Custom((dialect, storeType));
    }

    private static string Render(SqlDialect d, SqlType t)
    {
        try { return d.TypeToSql(t); }
        catch (NotSupportedException) { return ""; }
    }

    /// <summary>SQLite keeps the declared text as written (and its affinity depends on it): only case may differ.
    /// The servers store a type, not text, so their canonical spellings are compared.</summary>
    private static bool Same(string dialect, string rendered, string storeType) => dialect == "sqlite"
        ? string.Equals(rendered, storeType, StringComparison.OrdinalIgnoreCase)
        : TypeMapper.Canonical(dialect, rendered) == TypeMapper.Canonical(dialect, storeType);
}
