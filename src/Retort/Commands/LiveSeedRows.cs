using System.Data.Common;
using Retort.Dialects;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>The live rows of the tables a model seeds, in the seed's columns: one SELECT per seeded table that exists.</summary>
internal static class LiveSeedRows
{
    public static async Task<IReadOnlyList<TableData>> ReadAsync(DbConnection connection, SqlDialect dialect, DatabaseSchema model, DatabaseSchema live, CancellationToken ct)
    {
        var result = new List<TableData>();
        foreach (var seed in model.Data)
        {
            if (live.Find(seed.Table, seed.Schema) is null) continue;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT {string.Join(", ", seed.Columns.Select(dialect.QuoteIdentifier))} FROM {dialect.Qualify(seed.Table, seed.Schema)}";
            var rows = new List<IReadOnlyList<object?>>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToList());
            result.Add(seed with { Rows = rows });
        }
        return result;
    }
}
