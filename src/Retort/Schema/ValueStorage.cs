namespace Retort.Schema;

/// <summary>
/// How a model that writes its own values hands them to the database: the storage class of every value of a column,
/// as an ORM's type mapping decides it (EF Core's SQLite provider writes each property as TEXT, INTEGER, REAL or BLOB
/// whatever the column's declared type). Where a model states it (<see cref="TableSchema.ValueStorage"/>), a column's
/// type is compared on how the database stores such values rather than on the declared text.
/// </summary>
public enum ValueStorage
{
    Integer,
    Real,
    /// <summary>Any text, numeric-looking included (strings, EF's decimals).</summary>
    Text,
    /// <summary>Text that is never a numeric literal: ISO-8601 dates and times, GUIDs.</summary>
    NonNumericText,
    Blob,
}
