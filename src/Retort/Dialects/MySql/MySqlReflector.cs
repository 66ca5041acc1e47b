using System.Data.Common;

using Retort.Schema;

namespace Retort.Dialects.MySql;

/// <summary>MariaDB/MySQL: information_schema over the current database, five queries whatever the table count.</summary>
public class MySqlReflector(TypeMapping types) : SchemaReflector(types)
{
    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        const string Db = "DATABASE()";
        var tables = (await QueryAsync(connection,
            $"SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = {Db} AND table_type = 'BASE TABLE' ORDER BY table_name", ct))
            .Where(r => options.IncludeTable(S(r[0]))).ToList();
        var columns = await QueryAsync(connection,
            "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, column_comment, column_key "
            + $"FROM information_schema.columns WHERE table_schema = {Db} ORDER BY table_name, ordinal_position", ct);
        var stats = await QueryAsync(connection,
            "SELECT table_name, index_name, non_unique, column_name FROM information_schema.statistics "
            + $"WHERE table_schema = {Db} ORDER BY table_name, index_name, seq_in_index", ct);
        var fks = await QueryAsync(connection,
            "SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, k.referenced_column_name, r.delete_rule "
            + "FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r "
            + "ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
            + $"WHERE k.table_schema = {Db} AND k.referenced_table_name IS NOT NULL ORDER BY k.table_name, k.constraint_name, k.ordinal_position", ct);
        var checks = await QueryAsync(connection,
            $"SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = {Db} ORDER BY table_name, constraint_name", ct);

        var result = new List<TableSchema>();
        foreach (var t in tables)
        {
            var name = S(t[0]);
            var myCols = columns.Where(c => S(c[0]) == name).ToList();
            var myFks = fks.Where(f => S(f[0]) == name).GroupBy(f => S(f[1])).ToList();
            var fkNames = myFks.Select(g => g.Key).ToHashSet();
            var myIdx = stats.Where(s => S(s[0]) == name && S(s[1]) != "PRIMARY").GroupBy(s => S(s[1])).ToList();
            var pk = stats.Where(s => S(s[0]) == name && S(s[1]) == "PRIMARY").Select(s => S(s[3])).ToArray();
            result.Add(new TableSchema(name)
            {
                Comment = S(t[1]).Length == 0 ? null : S(t[1]),
                Columns = myCols.Select(c => new Column(S(c[1]), Types.FromDatabase(S(c[2])))
                {
                    Nullable = S(c[3]) == "YES",
                    ServerDefault = c[4] is null || S(c[4]) == "NULL" ? null : S(c[4]),
                    Autoincrement = S(c[5]).Contains("auto_increment", StringComparison.OrdinalIgnoreCase),
                    PrimaryKey = pk.Contains(S(c[1])),
                    Comment = S(c[6]).Length == 0 ? null : S(c[6]),
                }).ToList(),
                RawTypes = myCols.ToDictionary(c => S(c[1]), c => S(c[2])),
                PrimaryKey = pk.Length == 0 ? null : new PrimaryKey(pk),
                // MySQL keeps unique constraints as unique indexes, and an index for each foreign key.
                Indexes = myIdx.Where(g => !fkNames.Contains(g.Key)).Select(g => new IndexSchema(g.Key, g.Select(s => S(s[3])).ToList())
                {
                    Unique = Convert.ToInt64(g.First()[2]) == 0,
                }).ToList(),
                ForeignKeys = myFks.Select(g => new ForeignKey(g.Select(f => S(f[2])).ToArray(), S(g.First()[3]), g.Select(f => S(f[4])).ToArray())
                {
                    Name = g.Key,
                    OnDelete = Action(S(g.First()[5])),
                }).ToList(),
                CheckConstraints = checks.Where(c => S(c[0]) == name && !S(c[2]).StartsWith("json_valid", StringComparison.OrdinalIgnoreCase))
                    .Select(c => new CheckConstraint(S(c[2])) { Name = S(c[1]) }).ToList(),
            });
        }
        return new DatabaseSchema(result);
    }
}
