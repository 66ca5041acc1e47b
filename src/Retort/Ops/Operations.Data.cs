using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>
    /// Seed rows, reversible by their key: <c>op.InsertData("cardtypes", ["Id", "Name"], [[1, "Amex"], [2, "Visa"]], keyColumns: ["Id"])</c>.
    /// </summary>
    public void InsertData(string table, string[] columns, IEnumerable<object?[]> rows, string[]? keyColumns = null, string? schema = null) =>
        Add(new InsertDataOperation(table, columns, rows.Select(r => (IReadOnlyList<object?>)r).ToList()) { KeyColumns = keyColumns ?? [], Schema = schema });

    /// <summary>Deletes rows by key: <c>op.DeleteData("cardtypes", ["Id"], [[3]])</c>.</summary>
    public void DeleteData(string table, string[] keyColumns, IEnumerable<object?[]> keyValues, string? schema = null) =>
        Add(new DeleteDataOperation(table, keyColumns, keyValues.Select(r => (IReadOnlyList<object?>)r).ToList()) { Schema = schema });

    /// <summary>Changes one row found by key: <c>op.UpdateData("cardtypes", ["Id"], [1], ["Name"], ["American Express"])</c>.</summary>
    public void UpdateData(string table, string[] keyColumns, object?[] keyValues, string[] columns, object?[] values, string? schema = null) =>
        Add(new UpdateDataOperation(table, keyColumns, keyValues, columns, values) { Schema = schema });
}
