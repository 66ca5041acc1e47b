using System.Data.Common;
using System.Text.RegularExpressions;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Dialects.MySql;

/// <summary>
/// MariaDB/MySQL: information_schema over the current database, a fixed number of queries whatever the table count
/// (views, routines, triggers and events: <see cref="MySqlReflector"/>'s Objects part). Reads what
/// recreating a table needs to come out the same: exact column types, CHARACTER SET / COLLATE where a column differs
/// from its table, ON UPDATE, generated columns, ENGINE / charset / collation / other create options, FULLTEXT and
/// SPATIAL indexes, prefix lengths and descending parts, and both referential actions of foreign keys.
/// </summary>
public partial class MySqlReflector(TypeMapping types, SqlDialect? dialect = null) : SchemaReflector(types)
{
    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        const string Db = "DATABASE()";
        var tables = (await QueryAsync(connection,
            "SELECT t.table_name, t.table_comment, t.engine, t.table_collation, c.character_set_name, t.create_options "
            + "FROM information_schema.tables t LEFT JOIN information_schema.collations c ON c.collation_name = t.table_collation "
            + $"WHERE t.table_schema = {Db} AND t.table_type = 'BASE TABLE' ORDER BY t.table_name", ct))
            .Where(r => options.IncludeTable(S(r[0]))).ToList();
        var columns = await QueryAsync(connection,
            "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, column_comment, column_key, "
            + "character_set_name, collation_name, generation_expression "
            + $"FROM information_schema.columns WHERE table_schema = {Db} ORDER BY table_name, ordinal_position", ct);
        // No ORDER BY index: information_schema lists a table's keys in the table's own key order (SHOW CREATE TABLE's),
        // which recreating them inline keeps.
        var stats = await QueryAsync(connection,
            "SELECT table_name, index_name, non_unique, column_name, seq_in_index, sub_part, collation, index_type, index_comment FROM information_schema.statistics "
            + $"WHERE table_schema = {Db}", ct);
        var fks = await QueryAsync(connection,
            "SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, k.referenced_column_name, r.delete_rule, r.update_rule "
            + "FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r "
            + "ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
            + $"WHERE k.table_schema = {Db} AND k.referenced_table_name IS NOT NULL ORDER BY k.table_name, k.constraint_name, k.ordinal_position", ct);
        // Checks in the table's own order (no ORDER BY), as SHOW CREATE TABLE lists them.
        var checks = await QueryAsync(connection,
            $"SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = {Db}", ct);
        var views = await ReadViewsAsync(connection, ct);
        var routines = await ReadRoutinesAsync(connection, ct);
        var triggers = await ReadTriggersAsync(connection, options.IncludeTable, ct);
        var events = await ReadEventsAsync(connection, ct);
        // What autogenerate does not handle (named in a generated revision's comment, ignored by check).
        // Routines that mysql.proc could not give are named (information_schema respells their parameters).
        var partitions = await ReadPartitionsAsync(connection, options.IncludeTable, ct);
        List<object?[]> unsupported = routines is not null ? [] : await QueryAsync(connection,
            $"SELECT LOWER(routine_type), routine_name, NULL FROM information_schema.routines WHERE routine_schema = {Db} ORDER BY 1, 2", ct);
        // A partitioned table whose SHOW CREATE TABLE could not be read back is reflected without its partitions, named.
        unsupported.AddRange(partitions.Where(p => p.Value is null).Select(p => new object?[] { "partition", "PARTITION BY", p.Key }));

        var result = new List<TableSchema>();
        foreach (var t in tables)
        {
            var name = S(t[0]);
            var tableCollation = t[3] is null ? null : S(t[3]);
            var tableCharset = t[4] is null ? null : S(t[4]);
            var myCols = columns.Where(c => S(c[0]) == name).ToList();
            var myChecks = checks.Where(c => S(c[0]) == name).ToList();
            var myFks = fks.Where(f => S(f[0]) == name).GroupBy(f => S(f[1])).ToList();
            var fkNames = myFks.Select(g => g.Key).ToHashSet();
            var myStats = stats.Where(s => S(s[0]) == name).ToList();
            var pk = myStats.Where(s => S(s[1]) == "PRIMARY").OrderBy(s => Convert.ToInt64(s[4])).Select(s => S(s[3])).ToArray();
            var jsonColumns = myCols.Where(c => IsJson(c, myChecks)).Select(c => S(c[1])).ToHashSet();
            var partitioning = partitions.GetValueOrDefault(name);
            result.Add(new TableSchema(name)
            {
                Comment = S(t[1]).Length == 0 ? null : S(t[1]),
                PartitionBy = partitioning?.By,
                Partitions = partitioning?.Partitions ?? [],
                ProviderOptions = TableOptions(t),
                Columns = myCols.Select(c => ReadColumn(c, pk, jsonColumns, tableCharset, tableCollation)).ToList(),
                RawTypes = myCols.ToDictionary(c => S(c[1]), c => S(c[2])),
                PrimaryKey = pk.Length == 0 ? null : new PrimaryKey(pk),
                // MySQL keeps unique constraints as unique indexes. The index MariaDB made itself for a foreign key
                // (named after it) is left out: recreating the key makes it again.
                Indexes = myStats.Where(s => S(s[1]) != "PRIMARY" && !fkNames.Contains(S(s[1])))
                    .GroupBy(s => S(s[1])).Select(g => ReadIndex(g.Key, g.OrderBy(s => Convert.ToInt64(s[4])).ToList(), S(t[2]))).ToList(),
                ForeignKeys = myFks.Select(g => new ForeignKey(g.Select(f => S(f[2])).ToArray(), S(g.First()[3]), g.Select(f => S(f[4])).ToArray())
                {
                    Name = g.Key,
                    OnDelete = Rule(S(g.First()[5])),
                    OnUpdate = Rule(S(g.First()[6])),
                }).ToList(),
                // A JSON column's json_valid check is MariaDB's own, made again by the JSON type.
                CheckConstraints = myChecks.Where(c => !jsonColumns.Contains(S(c[1])))
                    .Select(c => new CheckConstraint(S(c[2])) { Name = S(c[1]) }).ToList(),
            });
        }
        return new DatabaseSchema(result)
        {
            Views = views,
            Routines = [.. routines ?? [], .. events],
            Triggers = triggers,
            Unsupported = unsupported.Where(r => r[2] is null || options.IncludeTable(S(r[2])))
                .Select(r => new UnsupportedObject(S(r[0]), S(r[1])) { Table = r[2] is null ? null : S(r[2]) }).ToList(),
        };
    }

    /// <summary>ENGINE, the table's default character set and collation, and other CREATE options (ROW_FORMAT …).</summary>
    private static IReadOnlyDictionary<string, string> TableOptions(object?[] t)
    {
        var options = new Dictionary<string, string>();
        if (t[2] is not null) options["mysql.engine"] = S(t[2]);
        if (t[4] is not null) options["mysql.charset"] = S(t[4]);
        if (t[3] is not null) options["mysql.collation"] = S(t[3]);
        // "partitioned" says there are partitions (the table's PartitionBy and Partitions), not an option to restate.
        var other = string.Join(" ", S(t[5]).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(o => !o.Equals("partitioned", StringComparison.OrdinalIgnoreCase)));
        if (other.Length > 0) options["mysql.options"] = other;
        return options;
    }

    private Column ReadColumn(object?[] c, string[] pk, HashSet<string> jsonColumns, string? tableCharset, string? tableCollation)
    {
        var name = S(c[1]);
        var extra = S(c[5]);
        var json = jsonColumns.Contains(name);
        var generated = extra.Contains("GENERATED", StringComparison.OrdinalIgnoreCase);
        var charset = c[8] is null ? null : S(c[8]);
        var collation = c[9] is null ? null : S(c[9]);
        // A column states its character set or collation only where it differs from the table's default.
        var sameCharset = charset is null || string.Equals(charset, tableCharset, StringComparison.OrdinalIgnoreCase);
        var sameCollation = collation is null || string.Equals(collation, tableCollation, StringComparison.OrdinalIgnoreCase);
        var onUpdate = OnUpdate().Match(extra);
        return new Column(name, json ? SqlType.Json() : Types.FromDatabase(S(c[2])))
        {
            Nullable = S(c[3]) == "YES",
            ServerDefault = generated || c[4] is null || S(c[4]) == "NULL" ? null : Unpadded(S(c[2]), S(c[4])),
            Autoincrement = extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase),
            PrimaryKey = pk.Contains(name),
            Comment = S(c[6]).Length == 0 ? null : S(c[6]),
            Charset = json || (sameCharset && sameCollation) ? null : charset,
            Collation = json || sameCollation ? null : collation,
            OnUpdate = onUpdate.Success ? onUpdate.Groups[1].Value : null,
            Computed = generated ? new ComputedColumn(S(c[10])) { Stored = extra.Contains("STORED", StringComparison.OrdinalIgnoreCase) } : null,
        };
    }

    /// <summary>
    /// A BINARY(n) column's default as written: MariaDB pads it with zero bytes to n ('' reads as 32 '\\0' for a
    /// BINARY(32)), and every value of the column is padded alike, so the trailing zero bytes say nothing.
    /// </summary>
    private static string Unpadded(string columnType, string value) =>
        columnType.StartsWith("binary(", StringComparison.OrdinalIgnoreCase) && value.Length >= 2 && value[0] == '\'' && value[^1] == '\''
            ? "'" + TrailingZeroBytes().Replace(value[1..^1], "") + "'"
            : value;

    [GeneratedRegex(@"(\\0)+$")]
    private static partial Regex TrailingZeroBytes();

    /// <summary>MariaDB's JSON is LONGTEXT with a CHECK (json_valid(`column`)) named after the column.</summary>
    private static bool IsJson(object?[] column, List<object?[]> checks)
    {
        if (!S(column[2]).Equals("longtext", StringComparison.OrdinalIgnoreCase)) return false;
        var name = S(column[1]);
        return checks.Any(k => S(k[1]) == name
            && Regex.Replace(S(k[2]), @"\s", "").Equals($"json_valid(`{name.Replace("`", "``")}`)", StringComparison.OrdinalIgnoreCase));
    }

    private static IndexSchema ReadIndex(string name, List<object?[]> parts, string engine)
    {
        var type = S(parts[0][7]).ToUpperInvariant();
        var kind = type switch { "FULLTEXT" => IndexKind.FullText, "SPATIAL" => IndexKind.Spatial, _ => IndexKind.Default };
        // SPATIAL reports a sub_part of its own (32) that is not a prefix anyone wrote.
        var elements = parts.Select(p => new IndexElement(S(p[3]))
        {
            PrefixLength = p[5] is null || kind != IndexKind.Default ? null : Convert.ToInt32(p[5]),
            Descending = S(p[6]) == "D",
        }).ToList();
        // BTREE is the default of InnoDB/MyISAM/Aria (HASH of MEMORY): only another method is stated.
        var defaultMethod = engine.Equals("MEMORY", StringComparison.OrdinalIgnoreCase) ? "HASH" : "BTREE";
        return new IndexSchema(name, parts.Select(p => S(p[3])).ToList())
        {
            Unique = Convert.ToInt64(parts[0][2]) == 0,
            Kind = kind,
            Method = kind != IndexKind.Default || type == defaultMethod ? null : type,
            Elements = elements.Any(e => e.PrefixLength is not null || e.Descending) ? elements : null,
            Comment = S(parts[0][8]).Length == 0 ? null : S(parts[0][8]),
        };
    }

    /// <summary>RESTRICT is MariaDB's default (what a key without ON DELETE/UPDATE reports); NO ACTION is stated as such.</summary>
    private static ReferentialAction? Rule(string rule) => rule.ToUpperInvariant() switch
    {
        "NO ACTION" => ReferentialAction.NoAction,
        "RESTRICT" => null,
        _ => Action(rule),
    };

    [GeneratedRegex(@"on update (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex OnUpdate();
}
