using System.Globalization;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// Seed rows against the live rows, by key: a missing row is inserted, a changed value updated, a live row the
    /// seed no longer has deleted (carrying its values, so the Downgrade puts it back). Runs after the tables exist.
    /// </summary>
    private static void CompareData(DatabaseSchema model, DatabaseSchema database, List<SchemaDiff> diffs)
    {
        foreach (var seed in model.Data)
        {
            var live = database.Data.FirstOrDefault(d => d.Table == seed.Table && d.Schema == seed.Schema);
            var keyIndex = seed.KeyColumns.Select(k => seed.Columns.ToList().IndexOf(k)).ToArray();
            string Key(IReadOnlyList<object?> row) => string.Join("\u0001", keyIndex.Select(i => Canonical(row[i])));
            var liveRows = (live?.Rows ?? []).GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
            var seedKeys = seed.Rows.Select(Key).ToHashSet();
            var nonKey = Enumerable.Range(0, seed.Columns.Count).Where(i => !keyIndex.Contains(i)).ToList();

            var missing = seed.Rows.Where(r => !liveRows.ContainsKey(Key(r))).ToList();
            if (missing.Count > 0)
                diffs.Add(new SchemaDiff($"insert {missing.Count} seed row(s) into {seed.Table}",
                    new InsertDataOperation(seed.Table, seed.Columns, missing) { Schema = seed.Schema, KeyColumns = seed.KeyColumns }));
            foreach (var row in seed.Rows)
            {
                if (!liveRows.TryGetValue(Key(row), out var had)) continue;
                var changed = nonKey.Where(i => Canonical(row[i]) != Canonical(had[i])).ToList();
                if (changed.Count == 0) continue;
                diffs.Add(new SchemaDiff($"update seed row {Key(row).Replace('\u0001', ',')} of {seed.Table}: {string.Join(", ", changed.Select(i => seed.Columns[i]))}",
                    new UpdateDataOperation(seed.Table, seed.KeyColumns, keyIndex.Select(i => row[i]).ToList(), changed.Select(i => seed.Columns[i]).ToList(), changed.Select(i => row[i]).ToList())
                    {
                        Schema = seed.Schema,
                        ExistingValues = changed.Select(i => had[i]).ToList(),
                    }));
            }
            var removed = liveRows.Where(r => !seedKeys.Contains(r.Key)).Select(r => r.Value).ToList();
            if (removed.Count > 0)
                diffs.Add(new SchemaDiff($"delete {removed.Count} row(s) no longer seeded from {seed.Table}",
                    new InsertDataOperation(seed.Table, seed.Columns, removed) { Schema = seed.Schema, KeyColumns = seed.KeyColumns }.Reverse()));
        }
    }

    /// <summary>
    /// A value as both sides compare it: drivers hand back what the model wrote in their own CLR types (a long for
    /// an int, 1 for true on SQLite, 12.50 for 12.5), so numbers, booleans and times compare by value.
    /// </summary>
    private static string Canonical(object? value) => value switch
    {
        null or DBNull => "\0null",
        bool b => b ? "1" : "0",
        byte or sbyte or short or ushort or int or uint or long or ulong or decimal or float or double =>
            Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.############################", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        Guid g => g.ToString("D"),
        byte[] bytes => Convert.ToHexString(bytes),
        string s when Guid.TryParse(s, out var g) => g.ToString("D"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
