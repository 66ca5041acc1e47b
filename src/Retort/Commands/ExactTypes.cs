using Retort.Dialects;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>
/// Reflected columns whose portable type would be written differently from what the database reports (SQLite's
/// <c>NVARCHAR(160)</c> or <c>INT</c>, PostgreSQL's bare <c>numeric</c>) get the database's own spelling, so that
/// what baseline, scaffold and squash write recreates the same declared type.
/// </summary>
internal static class ExactTypes
{
    public static TableSchema Apply(DatabaseProvider provider, TableSchema table) => table with
    {
        Columns = table.Columns.Select(c => table.RawTypes.TryGetValue(c.Name, out var raw) && !Same(provider, c.Type, raw)
            ? c with { Type = SqlType.Custom((provider.Name, raw)) }
            : c).ToList(),
    };

    public static bool Same(DatabaseProvider provider, SqlType type, string raw)
    {
        if (type.Kind == SqlTypeKind.Custom) return false;
        string rendered;
        try { rendered = provider.Dialect.TypeToSql(type); }
        catch (NotSupportedException) { return false; }
        // Where the declared text is kept (and drives behaviour), only letter case may differ; elsewhere the server
        // stores a type, not text, and canonical spellings are compared.
        return provider.Capabilities.KeepsDeclaredTypeText
            ? string.Equals(rendered, raw, StringComparison.OrdinalIgnoreCase)
            : provider.Types.Canonical(rendered) == provider.Types.Canonical(raw);
    }
}
