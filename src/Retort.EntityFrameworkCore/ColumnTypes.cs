using Retort.Dialects;

namespace Retort.EntityFrameworkCore;

/// <summary>
/// EF store types as Retort types: the portable type when Retort writes exactly the same type on this database
/// (so generated revisions read <c>SqlType.String(100)</c>), else the store type verbatim for this database.
/// </summary>
internal static class ColumnTypes
{
    public static SqlType Map(DatabaseProvider provider, string storeType)
    {
        var portable = provider.Types.FromDatabase(storeType);
        return portable.Kind != SqlTypeKind.Custom && Same(provider, Render(provider, portable), storeType)
            ? portable
            : SqlType.Custom((provider.Name, storeType));
    }

    private static string Render(DatabaseProvider provider, SqlType t)
    {
        try { return provider.Dialect.TypeToSql(t); }
        catch (NotSupportedException) { return ""; }
    }

    /// <summary>Where the declared text is kept (SQLite, whose affinity depends on it) only letter case may differ;
    /// the servers store a type, not text, so their canonical spellings are compared.</summary>
    private static bool Same(DatabaseProvider provider, string rendered, string storeType) => provider.Capabilities.KeepsDeclaredTypeText
        ? string.Equals(rendered, storeType, StringComparison.OrdinalIgnoreCase)
        : provider.Types.Canonical(rendered) == provider.Types.Canonical(storeType);
}
