using Retort.Dialects;
using Retort.Schema;
using Ef = Microsoft.EntityFrameworkCore.Migrations.Operations;

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

    /// <summary>
    /// How EF writes the column's values, where the declared type is only that: EF Core's SQLite provider names the
    /// storage class (TEXT, INTEGER, REAL, BLOB) and converts every value itself, so any column of the same affinity
    /// serves it (VARCHAR(200) for a TEXT string, BOOLEAN for an INTEGER bool); its dates, times and GUIDs are text that
    /// is never a number. A type the model states otherwise (HasColumnType("VARCHAR(10)")) and a computed column
    /// without a type are compared as declared.
    /// </summary>
    public static ValueStorage? Storage(DatabaseProvider provider, Ef.AddColumnOperation column, string storeType)
    {
        if (!provider.Capabilities.KeepsDeclaredTypeText || column.ComputedColumnSql is not null) return null;
        var clr = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
        return storeType.ToUpperInvariant() switch
        {
            "INTEGER" => ValueStorage.Integer,
            "REAL" => ValueStorage.Real,
            "BLOB" => ValueStorage.Blob,
            "TEXT" when clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || clr == typeof(DateOnly) || clr == typeof(TimeOnly)
                        || clr == typeof(TimeSpan) || clr == typeof(Guid) => ValueStorage.NonNumericText,
            "TEXT" => ValueStorage.Text,
            _ => null,
        };
    }
}
