using System.Data.Common;
using System.Text.RegularExpressions;
using Retort.Schema;

namespace Retort.Dialects.Sqlite;

/// <summary>SQLite: pragma table-valued functions joined with sqlite_master, four queries in all.</summary>
public partial class SqliteReflector(TypeMapping types) : SchemaReflector(types)
{
    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        var tableSql = (await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", ct))
            .Where(r => options.IncludeTable(S(r[0]))).ToDictionary(r => S(r[0]), r => S(r[1]));
        var columns = await QueryAsync(connection,
            "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid", ct);
        var indexes = await QueryAsync(connection,
            "SELECT m.name, il.name, il.\"unique\", il.origin, ii.name, (SELECT sql FROM sqlite_master s WHERE s.type = 'index' AND s.name = il.name) "
            + "FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii "
            + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, il.name, ii.seqno", ct);
        var fks = await QueryAsync(connection,
            "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
            + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq", ct);

        var tables = new List<TableSchema>();
        foreach (var (table, sql) in tableSql)
        {
            var cols = columns.Where(c => S(c[0]) == table).ToList();
            var pkCols = cols.Where(c => Convert.ToInt64(c[5]) > 0).OrderBy(c => Convert.ToInt64(c[5])).Select(c => S(c[1])).ToArray();
            var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
            var constraintNames = ConstraintPattern().Matches(sql).Select(m => (Name: m.Groups[1].Value, Kind: m.Groups[2].Value.ToUpperInvariant(), Body: m.Groups[3].Value)).ToList();
            var fkNames = constraintNames.Where(c => c.Kind.StartsWith("FOREIGN")).Select(c => c.Name).ToList();
            var fkGroups = fks.Where(f => S(f[0]) == table).GroupBy(f => Convert.ToInt64(f[1])).OrderByDescending(g => g.Key).ToList();
            tables.Add(new TableSchema(table)
            {
                Columns = cols.Select(c => new Column(S(c[1]), Types.FromDatabase(S(c[2])))
                {
                    Nullable = Convert.ToInt64(c[3]) == 0 && Convert.ToInt64(c[5]) == 0,
                    ServerDefault = c[4] is null ? null : S(c[4]),
                    PrimaryKey = Convert.ToInt64(c[5]) > 0,
                    Autoincrement = autoincrement && Convert.ToInt64(c[5]) > 0 && pkCols.Length == 1,
                }).ToList(),
                RawTypes = cols.ToDictionary(c => S(c[1]), c => S(c[2])),
                PrimaryKey = pkCols.Length == 0 ? null : new PrimaryKey(pkCols),
                Indexes = indexes.Where(i => S(i[0]) == table && S(i[3]) == "c").GroupBy(i => S(i[1]))
                    .Select(g => new IndexSchema(g.Key, g.Select(i => S(i[4])).ToList())
                    {
                        Unique = B(g.First()[2]),
                        Where = WherePattern().Match(S(g.First()[5])) is { Success: true } w ? w.Groups[1].Value.Trim() : null,
                    }).ToList(),
                UniqueConstraints = constraintNames.Where(c => c.Kind == "UNIQUE")
                    .Select(c => new UniqueConstraint(SplitColumns(c.Body)) { Name = c.Name }).ToList(),
                CheckConstraints = constraintNames.Where(c => c.Kind == "CHECK").Select(c => new CheckConstraint(c.Body) { Name = c.Name }).ToList(),
                ForeignKeys = fkGroups.Select((g, i) => new ForeignKey(g.Select(f => S(f[3])).ToArray(), S(g.First()[2]), g.Select(f => S(f[4])).ToArray())
                {
                    Name = i < fkNames.Count ? fkNames[i] : null,
                    OnDelete = Action(S(g.First()[5])),
                }).ToList(),
            });
        }
        return new DatabaseSchema(tables);
    }

    private static string[] SplitColumns(string body) => body.Split(',').Select(c => c.Trim().Trim('"', '`', '[', ']')).ToArray();

    [GeneratedRegex(@"CONSTRAINT\s+[""`\[]?(\w+)[""`\]]?\s+(UNIQUE|CHECK|FOREIGN\s+KEY|PRIMARY\s+KEY)\s*\(((?:[^()]|\((?<d>)|\)(?<-d>))*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ConstraintPattern();

    [GeneratedRegex(@"\bWHERE\b(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WherePattern();
}
