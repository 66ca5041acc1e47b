namespace Retort.Tests.Infrastructure;

/// <summary>
/// Reads a table back from the database's own catalog, as plain sorted lines, for spec tests:
/// <c>column phone_number varchar null</c>, <c>index ix_users_name (name) unique</c>, <c>fk fk_x (a) -> t (b) cascade</c>.
/// </summary>
public static class CatalogReader
{
    public static async Task<List<string>> TablesAsync(TestDatabase db) => db.Dialect.Name switch
    {
        "sqlite" => await db.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
        "postgresql" => await db.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"),
        "mssql" => await db.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'dbo' ORDER BY table_name"),
        _ => await db.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"),
    };

    /// <summary>Every table described, one "table: line" per line; tables starting with <paramref name="skipPrefix"/> left out.</summary>
    public static async Task<string> SnapshotAsync(TestDatabase db, string? skipPrefix = null)
    {
        var lines = new List<string>();
        foreach (var t in (await TablesAsync(db)).Where(t => skipPrefix is null || !t.StartsWith(skipPrefix, StringComparison.Ordinal)))
            lines.AddRange((await DescribeAsync(db, t)).Select(l => t + ": " + l));
        return string.Join("\n", lines);
    }

    public static async Task<List<string>> DescribeAsync(TestDatabase db, string table)
    {
        var lines = db.Dialect.Name switch
        {
            "sqlite" => await SqliteAsync(db, table),
            "postgresql" => await PostgresAsync(db, table),
            _ => await MySqlAsync(db, table),
        };
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> SqliteAsync(TestDatabase db, string t)
    {
        var lines = (await db.QueryAsync($"SELECT 'column ' || name || ' ' || lower(type) || CASE WHEN \"notnull\" = 1 OR pk > 0 THEN ' not null' ELSE ' null' END || CASE WHEN dflt_value IS NULL THEN '' ELSE ' default ' || dflt_value END || CASE WHEN pk > 0 THEN ' pk' ELSE '' END FROM pragma_table_info('{t}')")).ToList();
        lines.AddRange(await db.QueryAsync($"SELECT 'index ' || il.name || ' (' || (SELECT group_concat(name, ', ') FROM pragma_index_info(il.name)) || ')' || CASE WHEN il.\"unique\" = 1 THEN ' unique' ELSE '' END || CASE WHEN il.partial = 1 THEN ' partial' ELSE '' END FROM pragma_index_list('{t}') il WHERE il.origin = 'c'"));
        lines.AddRange(await db.QueryAsync($"SELECT 'fk (' || \"from\" || ') -> ' || \"table\" || ' (' || \"to\" || ') ' || lower(on_delete) FROM pragma_foreign_key_list('{t}')"));
        // Named constraints live only in the table's SQL; list their names.
        var sql = (await db.QueryAsync($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{t}'")).SingleOrDefault() ?? "";
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(sql, "CONSTRAINT \"?([A-Za-z0-9_]+)\"? (PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)"))
            lines.Add($"constraint {m.Groups[1].Value} {m.Groups[2].Value.ToLowerInvariant()}");
        return lines;
    }

    private static async Task<List<string>> PostgresAsync(TestDatabase db, string t)
    {
        var lines = await db.QueryAsync(
            "SELECT 'column ' || column_name || ' ' || CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END || COALESCE('(' || character_maximum_length || ')', '') "
            + "|| CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END || COALESCE(' default ' || column_default, '') || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END "
            + $"FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{t}'");
        lines.AddRange(await db.QueryAsync(
            "SELECT 'index ' || i.relname || ' (' || (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum) || ')' "
            + "|| CASE WHEN ix.indisunique THEN ' unique' ELSE '' END || CASE WHEN ix.indpred IS NOT NULL THEN ' partial' ELSE '' END "
            + $"FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class tb ON tb.oid = ix.indrelid WHERE tb.relname = '{t}' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)"));
        lines.AddRange(await db.QueryAsync(
            "SELECT 'constraint ' || c.conname || ' ' || CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign key' END "
            + "|| CASE WHEN c.contype = 'f' THEN ' ' || pg_get_constraintdef(c.oid) ELSE '' END "
            + $"FROM pg_constraint c JOIN pg_class tb ON tb.oid = c.conrelid WHERE tb.relname = '{t}' AND c.contype IN ('p', 'u', 'c', 'f')"));
        lines.AddRange(await db.QueryAsync($"SELECT 'comment ' || obj_description('public.{t}'::regclass, 'pg_class') WHERE obj_description('public.{t}'::regclass, 'pg_class') IS NOT NULL"));
        lines.AddRange(await db.QueryAsync(
            $"SELECT 'column comment ' || a.attname || ' ' || col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = 'public.{t}'::regclass AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NOT NULL"));
        return lines;
    }

    private static async Task<List<string>> MySqlAsync(TestDatabase db, string t)
    {
        var lines = await db.QueryAsync(
            "SELECT CONCAT('column ', column_name, ' ', column_type, IF(is_nullable = 'NO', ' not null', ' null'), COALESCE(CONCAT(' default ', column_default), ''), IF(extra LIKE '%auto_increment%', ' identity', ''), IF(column_comment <> '', CONCAT(' comment ', column_comment), '')) "
            + $"FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{t}'");
        lines.AddRange(await db.QueryAsync(
            "SELECT CONCAT('index ', index_name, ' (', GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', '), ')', IF(MIN(non_unique) = 0, ' unique', '')) "
            + $"FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '{t}' AND index_name <> 'PRIMARY' "
            + "AND index_name NOT IN (SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = DATABASE() AND table_name = '" + t + "' AND constraint_type IN ('FOREIGN KEY')) GROUP BY index_name"));
        lines.AddRange(await db.QueryAsync(
            "SELECT CONCAT('constraint ', tc.constraint_name, ' ', LOWER(tc.constraint_type), IF(tc.constraint_type = 'FOREIGN KEY', CONCAT(' -> ', rc.referenced_table_name, ' ', LOWER(rc.delete_rule)), '')) "
            + "FROM information_schema.table_constraints tc LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name "
            + $"WHERE tc.table_schema = DATABASE() AND tc.table_name = '{t}'"));
        lines.AddRange(await db.QueryAsync($"SELECT CONCAT('comment ', table_comment) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{t}' AND table_comment <> ''"));
        return lines;
    }
}
