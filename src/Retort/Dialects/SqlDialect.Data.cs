using Retort.Ops;

namespace Retort.Dialects;

public abstract partial class SqlDialect
{
    // Values travel as parameters (bound online, written as this dialect's literals offline), never spliced into SQL.

    protected virtual IReadOnlyList<SqlStatement> Generate(InsertDataOperation o) =>
        Generate(new BulkInsertOperation(o.Table, o.Columns, o.Rows) { Schema = o.Schema });

    protected virtual IReadOnlyList<SqlStatement> Generate(DeleteDataOperation o) =>
        o.KeyValues.Select(key => new SqlStatement($"DELETE FROM {Qualify(o.Table, o.Schema)} WHERE {KeyCondition(o.KeyColumns)}") { Parameters = key }).ToList();

    protected virtual IReadOnlyList<SqlStatement> Generate(UpdateDataOperation o) =>
    [
        new SqlStatement($"UPDATE {Qualify(o.Table, o.Schema)} SET {string.Join(", ", o.Columns.Select(c => QuoteIdentifier(c) + " = ?"))} WHERE {KeyCondition(o.KeyColumns)}")
        {
            Parameters = [.. o.Values, .. o.KeyValues],
        },
    ];

    private string KeyCondition(IReadOnlyList<string> keyColumns) => string.Join(" AND ", keyColumns.Select(k => QuoteIdentifier(k) + " = ?"));
}
