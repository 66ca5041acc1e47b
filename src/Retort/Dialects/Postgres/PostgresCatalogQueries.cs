namespace Retort.Dialects.Postgres;

/// <summary>
/// The reflector's catalog queries, one per kind of object over all the schemas read (<c>@schemas</c>, a text
/// array), so that their number does not grow with the number of tables or schemas. Column order is what
/// <see cref="PostgresReflector"/> reads; each row ends with the schema of its table or object.
/// </summary>
internal static class PostgresCatalogQueries
{
    public const string Tables =
        "SELECT c.relname, obj_description(c.oid, 'pg_class'), n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(@schemas) ORDER BY n.nspname, c.relname";

    /// <summary>
    /// Columns with their type (and, for enums and domains, the type's own name), default, identity, generated
    /// expression, collation when not the type's, comment, and the sequence the column owns (serial or identity)
    /// with its options.
    /// </summary>
    public const string Columns = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
               a.attidentity::text, a.attgenerated::text, CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
               col_description(c.oid, a.attnum), t.typtype::text, tn.nspname, t.typname,
               os.relname, q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, format_type(q.seqtypid, NULL), n.nspname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        LEFT JOIN LATERAL (
            SELECT s.oid, s.relname FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
            WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid
              AND dep.refobjsubid = a.attnum AND dep.deptype IN ('a', 'i')
            ORDER BY s.relname LIMIT 1) os ON true
        LEFT JOIN pg_sequence q ON q.seqrelid = os.oid
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(@schemas) ORDER BY n.nspname, c.relname, a.attnum
        """;

    public const string Constraints = """
        SELECT c.relname, con.conname, con.contype::text,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o),
               fc.relname, ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o),
               con.confdeltype::text, pg_get_constraintdef(con.oid), con.confupdtype::text, con.condeferrable, con.condeferred, fn.nspname, n.nspname
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE n.nspname = ANY(@schemas) AND con.contype IN ('p', 'u', 'f', 'c') AND con.conislocal ORDER BY n.nspname, c.relname, con.conname
        """;

    /// <summary>
    /// Indexes no constraint owns, each key part with: its column name or expression text, the DESC/NULLS bits
    /// (indoption), the operator class when not the type's default, the collation when not the column's; then the
    /// access method and INCLUDE columns.
    /// </summary>
    public const string Indexes = """
        SELECT t.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid),
               ARRAY(SELECT COALESCE(ta.attname::text, pg_get_indexdef(ix.indexrelid, g.k, true)) FROM generate_series(1, ix.indnkeyatts) g(k)
                     LEFT JOIN pg_attribute ta ON ta.attrelid = ix.indrelid AND ta.attnum = ix.indkey[g.k - 1] AND ix.indkey[g.k - 1] <> 0 ORDER BY g.k),
               ARRAY(SELECT ix.indkey[g.k - 1] = 0 FROM generate_series(1, ix.indnkeyatts) g(k) ORDER BY g.k),
               ARRAY(SELECT ix.indoption[g.k - 1] FROM generate_series(1, ix.indnkeyatts) g(k) ORDER BY g.k),
               ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END FROM generate_series(1, ix.indnkeyatts) g(k)
                     LEFT JOIN pg_opclass oc ON oc.oid = ix.indclass[g.k - 1] ORDER BY g.k),
               ARRAY(SELECT CASE WHEN ix.indcollation[g.k - 1] NOT IN (0, 100) AND ix.indcollation[g.k - 1] IS DISTINCT FROM ta.attcollation
                                 THEN (SELECT collname::text FROM pg_collation WHERE oid = ix.indcollation[g.k - 1]) END
                     FROM generate_series(1, ix.indnkeyatts) g(k)
                     LEFT JOIN pg_attribute ta ON ta.attrelid = ix.indrelid AND ta.attnum = ix.indkey[g.k - 1] AND ix.indkey[g.k - 1] <> 0 ORDER BY g.k),
               am.amname,
               ARRAY(SELECT ta.attname::text FROM generate_series(ix.indnkeyatts + 1, ix.indnatts) g(k)
                     JOIN pg_attribute ta ON ta.attrelid = ix.indrelid AND ta.attnum = ix.indkey[g.k - 1] ORDER BY g.k),
               n.nspname
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
        WHERE n.nspname = ANY(@schemas) AND t.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))
        ORDER BY n.nspname, t.relname, i.relname
        """;

    /// <summary>
    /// Enum and domain types, those a type depends on first (enums, then domains over built-in types, then domains
    /// over other domains or enums): enum labels in order; a domain's base type, NOT NULL, default, checks and
    /// collation (when not its base type's).
    /// </summary>
    public const string Types = """
        SELECT t.typname, n.nspname, t.typtype::text,
               ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
               format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
               ARRAY(SELECT x.conname::text FROM pg_constraint x WHERE x.contypid = t.oid AND x.contype = 'c' ORDER BY x.conname),
               ARRAY(SELECT pg_get_constraintdef(x.oid) FROM pg_constraint x WHERE x.contypid = t.oid AND x.contype = 'c' ORDER BY x.conname),
               obj_description(t.oid, 'pg_type'),
               CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN co.collname END
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_type bt ON bt.oid = t.typbasetype LEFT JOIN pg_collation co ON co.oid = t.typcollation
        WHERE n.nspname = ANY(@schemas) AND t.typtype IN ('e', 'd')
        ORDER BY CASE WHEN t.typtype = 'e' THEN 0 WHEN bt.typtype IN ('d', 'e') THEN 2 ELSE 1 END, t.typname
        """;

    /// <summary>
    /// What autogenerate leaves alone, named so that a generated revision says so: views, materialized views,
    /// partitions (their parent table is reflected), triggers, functions and procedures (not an extension's),
    /// exclusion constraints.
    /// </summary>
    public const string Unsupported = """
        SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'partition' END, c.relname, NULL::text, n.nspname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(@schemas) AND (c.relkind IN ('v', 'm') OR (c.relkind IN ('r', 'p') AND c.relispartition))
        UNION ALL
        SELECT 'trigger', g.tgname, t.relname, n.nspname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ANY(@schemas) AND NOT g.tgisinternal
        UNION ALL
        SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
               p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, n.nspname
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(@schemas) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'exclusion constraint', x.conname, t.relname, n.nspname FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ANY(@schemas) AND x.contype = 'x'
        ORDER BY 4, 1, 2
        """;

    /// <summary>Sequences no column owns (a serial's or identity's sequence is read with its column).</summary>
    public const string FreeSequences = """
        SELECT c.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, n.nspname
        FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(@schemas) AND NOT EXISTS (
            SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>Which of the schemas asked for exist.</summary>
    public const string Schemas = "SELECT n.nspname FROM pg_namespace n WHERE n.nspname = ANY(@schemas) ORDER BY n.nspname";
}
