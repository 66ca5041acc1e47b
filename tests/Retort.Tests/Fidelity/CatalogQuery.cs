using System.Data.Common;
using System.Globalization;

namespace Retort.Tests.Fidelity;

/// <summary>Rows of a catalog query as strings (NULL stays null), for the catalog readers.</summary>
internal static class CatalogQuery
{
    public static async Task<List<string?[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await r.ReadAsync())
        {
            var row = new string?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++)
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i) switch
                {
                    bool b => b ? "yes" : "no",
                    byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                };
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Collapses runs of whitespace so that two spellings of one expression compare equal.</summary>
    public static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
