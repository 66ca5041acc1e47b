using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// A table as the database's own catalog describes it (<see cref="CatalogReader"/>: columns with their declared
/// type, nullability, default and key generation; indexes; constraints), with the primary key's columns in order
/// and, on MariaDB, index prefix lengths: what must agree between Retort's upgrade and MediaWiki's patch.
/// </summary>
public static class MediaWikiCatalog
{
    public static async Task<List<string>> DescribeAsync(TestDatabase db, string table)
    {
        var lines = await CatalogReader.DescribeAsync(db, table);
        lines.AddRange(db.Dialect.Name switch
        {
            "sqlite" => await db.QueryAsync($"SELECT 'primary key (' || group_concat(name, ', ') || ')' FROM (SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk) HAVING count(*) > 0"),
            "postgresql" => await db.QueryAsync(
                "SELECT 'primary key (' || string_agg(a.attname, ', ' ORDER BY k.ord) || ')' FROM pg_constraint c JOIN pg_class tb ON tb.oid = c.conrelid "
                + "CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                + $"WHERE tb.relname = '{table}' AND tb.relnamespace = 'public'::regnamespace AND c.contype = 'p'"),
            _ => await db.QueryAsync(
                "SELECT CONCAT(IF(index_name = 'PRIMARY', 'primary key', CONCAT('index ', index_name, ' prefixes')), ' (', GROUP_CONCAT(CONCAT(column_name, COALESCE(CONCAT('(', sub_part, ')'), '')) ORDER BY seq_in_index SEPARATOR ', '), ')') "
                + $"FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '{table}' GROUP BY index_name"),
        });
        // Accepted: Doctrine writes DEFAULT NULL on every nullable column without a default, Retort writes no
        // DEFAULT; SQLite's catalog keeps the text NULL, the others none. Both mean the same.
        return lines.Where(l => l.Length > 0).Select(l => l.Replace(" default NULL", "")).Order(StringComparer.Ordinal).ToList();
    }
}
