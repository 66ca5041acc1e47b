using System.Data.Common;

using Retort.Schema;

namespace Retort.Dialects.Postgres;

/// <summary>PostgreSQL: pg_catalog over the whole schema, four queries whatever the number of tables.</summary>
public class PostgresReflector(TypeMapping types) : SchemaReflector(types)
{
    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        var schema = options.Schema ?? "public";
        var p = ("@schema", (object)schema);
        var tables = (await QueryAsync(connection,
            "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND n.nspname = @schema ORDER BY c.relname", ct, p))
            .Where(r => options.IncludeTable(S(r[0]))).ToList();
        var columns = await QueryAsync(connection,
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', "
            + "col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
            + "WHERE c.relkind IN ('r', 'p') AND n.nspname = @schema ORDER BY c.relname, a.attnum", ct, p);
        var constraints = await QueryAsync(connection,
            "SELECT c.relname, con.conname, con.contype, "
            + "ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o), "
            + "fc.relname, ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o), "
            + "con.confdeltype::text, pg_get_constraintdef(con.oid) "
            + "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_class fc ON fc.oid = con.confrelid WHERE n.nspname = @schema AND con.contype IN ('p', 'u', 'f', 'c') ORDER BY c.relname, con.conname", ct, p);
        var indexes = await QueryAsync(connection,
            "SELECT t.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), "
            + "ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.o) "
            + "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE n.nspname = @schema AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) ORDER BY t.relname, i.relname", ct, p);

        var byTable = (List<object?[]> rows) => rows.GroupBy(r => S(r[0])).ToDictionary(g => g.Key, g => g.ToList());
        var cols = byTable(columns);
        var cons = byTable(constraints);
        var idx = byTable(indexes);
        var result = new List<TableSchema>();
        foreach (var t in tables)
        {
            var name = S(t[0]);
            var myCols = cols.GetValueOrDefault(name) ?? [];
            var myCons = cons.GetValueOrDefault(name) ?? [];
            var pk = myCons.FirstOrDefault(c => S(c[2]) == "p");
            var pkCols = pk is null ? [] : (string[])pk[3]!;
            result.Add(new TableSchema(name)
            {
                Schema = options.Schema,
                Comment = t[1] is null ? null : S(t[1]),
                Columns = myCols.Select(c => new Column(S(c[1]), Types.FromDatabase(S(c[2])))
                {
                    Nullable = !B(c[3]),
                    ServerDefault = c[4] is null || S(c[4]).StartsWith("nextval(", StringComparison.Ordinal) ? null : S(c[4]),
                    Autoincrement = B(c[5]) || S(c[4]).StartsWith("nextval(", StringComparison.Ordinal),
                    PrimaryKey = pkCols.Contains(S(c[1])),
                    Comment = c[6] is null ? null : S(c[6]),
                }).ToList(),
                RawTypes = myCols.ToDictionary(c => S(c[1]), c => S(c[2])),
                PrimaryKey = pk is null ? null : new PrimaryKey(pkCols) { Name = S(pk[1]) },
                UniqueConstraints = myCons.Where(c => S(c[2]) == "u").Select(c => new UniqueConstraint((string[])c[3]!) { Name = S(c[1]) }).ToList(),
                ForeignKeys = myCons.Where(c => S(c[2]) == "f").Select(c => new ForeignKey((string[])c[3]!, S(c[4]), (string[])c[5]!)
                {
                    Name = S(c[1]),
                    OnDelete = Action(S(c[6]) switch { "c" => "C", "n" => "N", "d" => "D", "r" => "R", _ => null }),
                }).ToList(),
                CheckConstraints = myCons.Where(c => S(c[2]) == "c").Select(c => new CheckConstraint(CheckBody(S(c[7]))) { Name = S(c[1]) }).ToList(),
                Indexes = (idx.GetValueOrDefault(name) ?? []).Select(i => new IndexSchema(S(i[1]), (string[])i[4]!)
                {
                    Unique = B(i[2]),
                    Where = i[3] is null ? null : S(i[3]),
                }).ToList(),
            });
        }
        return new DatabaseSchema(result);
    }

    private static string CheckBody(string definition)
    {
        var s = definition.StartsWith("CHECK ", StringComparison.Ordinal) ? definition[6..].Trim() : definition;
        return s.StartsWith('(') && s.EndsWith(')') ? s[1..^1] : s;
    }
}
