using Retort.Dialects;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>
/// Reflected columns whose portable type would be written differently from what the database reports (SQLite's
/// <c>NVARCHAR(160)</c> or <c>INT</c>, PostgreSQL's bare <c>numeric</c>) get the database's own spelling, so that
/// what baseline and scaffold write recreates the same declared type.
/// </summary>
internal static class ExactTypes
{
    public static TableSchema Apply(SqlDialect dialect, TableSchema table) => table with
    {
        Columns = table.Columns.Select(c => table.RawTypes.TryGetValue(c.Name, out var raw) && !Same(dialect, c.Type, raw)
            ? c with { Type = SqlType.Custom((dialect.Name, raw)) }
            : c).ToList(),
    };

    private static bool Same(SqlDialect dialect, SqlType type, string raw)
    {
        if (type.Kind == SqlTypeKind.Custom) return false;
        string rendered;
        try { rendered = dialect.TypeToSql(type); }
        catch (NotSupportedException) { return false; }
        // SQLite keeps the declared text (and takes its affinity from it): only letter case may differ.
        return dialect.Name == "sqlite"
            ? string.Equals(rendered, raw, StringComparison.OrdinalIgnoreCase)
            : TypeMapper.Canonical(dialect.Name, rendered) == TypeMapper.Canonical(dialect.Name, raw);
    }
}
