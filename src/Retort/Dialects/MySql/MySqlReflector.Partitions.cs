using System.Data.Common;
using System.Text.RegularExpressions;
using Retort.Ops;

namespace Retort.Dialects.MySql;

/// <summary>
/// Partitioned tables: which tables are partitioned and their partitions' names from information_schema.PARTITIONS
/// (one query), the key and each partition's clause from SHOW CREATE TABLE of those tables (one batched command),
/// because information_schema prints a DEFAULT list partition as <c>0</c> and keeps no trace of names the server chose.
/// </summary>
public partial class MySqlReflector
{
    private const string PartitionsQuery =
        "SELECT table_name, partition_name FROM information_schema.partitions "
        + "WHERE table_schema = DATABASE() AND partition_name IS NOT NULL AND (subpartition_name IS NULL OR subpartition_ordinal_position = 1) "
        + "ORDER BY table_name, partition_ordinal_position";

    /// <summary>Per partitioned table: its key and partitions; null for a table whose SHOW CREATE TABLE could not be read back.</summary>
    private async Task<Dictionary<string, (string By, List<TablePartition> Partitions)?>> ReadPartitionsAsync(
        DbConnection connection, Func<string, bool> includeTable, CancellationToken ct)
    {
        var names = (await QueryAsync(connection, PartitionsQuery, ct)).Where(r => includeTable(S(r[0])))
            .GroupBy(r => S(r[0])).ToDictionary(g => g.Key, g => g.Select(r => S(r[1])).ToList());
        var tables = names.Keys.Order(StringComparer.Ordinal).ToList();
        var texts = await QueryBatchAsync(connection, tables.Select(t => "SHOW CREATE TABLE " + Quote(t)).ToList(), ct);
        var result = new Dictionary<string, (string, List<TablePartition>)?>();
        for (var i = 0; i < tables.Count; i++)
            result[tables[i]] = ParsePartitions(S(texts[i][0][1]), names[tables[i]]);
        return result;
    }

    /// <summary>
    /// The partition clause of SHOW CREATE TABLE: <c>PARTITION BY RANGE (year(`d`))\n(PARTITION `a` VALUES LESS THAN
    /// (1990) ENGINE = InnoDB,\n PARTITION …)</c>, or <c>PARTITION BY KEY (`id`)\nPARTITIONS 3</c> with the names the
    /// server chose. Each partition's clause keeps everything but the trailing ENGINE, which is the table's.
    /// </summary>
    internal static (string By, List<TablePartition> Partitions)? ParsePartitions(string create, IReadOnlyList<string> names)
    {
        var close = create.IndexOf("\n)", StringComparison.Ordinal);
        var at = close < 0 ? -1 : create.IndexOf("\n PARTITION BY ", close, StringComparison.Ordinal);
        if (at < 0) return null;
        var clause = create[(at + "\n PARTITION BY ".Length)..];
        var list = clause.IndexOf("\n(PARTITION ", StringComparison.Ordinal);
        if (list < 0)
        {
            // Only a count: the partitions are the server's p0, p1 …, written back as PARTITIONS n.
            var count = CountClause().Match(clause);
            if (!count.Success || int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != names.Count) return null;
            return (clause[..count.Index].Replace('\n', ' ').Trim(), names.Select(n => new TablePartition(n)).ToList());
        }
        var by = clause[..list].Replace('\n', ' ').Trim();
        var body = clause[(list + 2)..].TrimEnd();
        if (!body.EndsWith(')')) return null;
        var partitions = new List<TablePartition>();
        foreach (var entry in body[..^1].Split(",\n PARTITION ", StringSplitOptions.None))
        {
            var text = entry.StartsWith("PARTITION ", StringComparison.Ordinal) ? entry["PARTITION ".Length..] : entry;
            var name = QuotedName().Match(text);
            if (!name.Success) return null;
            var definition = TrailingEngine().Replace(text[name.Length..], "").Trim();
            partitions.Add(new TablePartition(name.Groups[1].Value.Replace("``", "`"), definition));
        }
        return partitions.Select(p => p.Name).SequenceEqual(names) ? (by, partitions) : null;
    }

    [GeneratedRegex(@"\s*\bPARTITIONS (\d+)\s*$")]
    private static partial Regex CountClause();

    [GeneratedRegex(@"^`((?:[^`]|``)*)`")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\s*ENGINE = \w+\s*$")]
    private static partial Regex TrailingEngine();
}
