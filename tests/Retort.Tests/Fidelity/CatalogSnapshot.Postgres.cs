using System.Data.Common;
using static Retort.Tests.Fidelity.CatalogQuery;

namespace Retort.Tests.Fidelity;

/// <summary>PostgreSQL: the <c>public</c> schema from pg_catalog, spelled as the server spells it (format_type, pg_get_expr…).</summary>
internal static class PostgresCatalog
{
    private const string Public = "n.nspname = 'public'";

    public static async Task ReadAsync(DbConnection c, CatalogSnapshot s, HashSet<string> ignored)
    {
        string T(string table) => "table " + table;

        foreach (var r in await RowsAsync(c, $"""
            SELECT c.relname, c.relkind, c.relpersistence, array_to_string(c.reloptions, ', '), obj_description(c.oid, 'pg_class'),
                   CASE WHEN am.amname <> 'heap' THEN am.amname END, pg_get_partkeydef(c.oid),
                   (SELECT p.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = c.oid AND c.relispartition)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_am am ON am.oid = c.relam
            WHERE {Public} AND c.relkind IN ('r', 'p')
            """))
        {
            if (ignored.Contains(r[0]!)) continue;
            var t = T(r[0]!);
            s.Object(t, "table");
            s.Add(t, "table", "partitioned", r[1] == "p" ? "yes" : null);
            s.Add(t, "table", "persistence", r[2] == "u" ? "unlogged" : null);
            s.Add(t, "table", "options", string.IsNullOrEmpty(r[3]) ? null : r[3]);
            s.Add(t, "table", "comment", r[4]);
            s.Add(t, "table", "access method", r[5]);
            s.Add(t, "table", "partition key", r[6]);
            s.Add(t, "table", "partition of", r[7]);
        }

        foreach (var r in await RowsAsync(c, $"""
            SELECT c.relname, a.attname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                   CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, col_description(c.oid, a.attnum),
                   pg_get_serial_sequence(quote_ident(c.relname), a.attname)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE {Public} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """))
        {
            if (ignored.Contains(r[0]!)) continue;
            var col = $"{T(r[0]!)}: column {r[1]}";
            const string k = "column";
            s.Object(col, k);
            s.Add(col, k, "position", r[2]);
            s.Add(col, k, "type", r[3]);
            s.Add(col, k, "nullable", r[4] == "yes" ? "no" : "yes");
            if (r[7] is "s" or "v") s.Add(col, k, "generated", $"{r[5]} {(r[7] == "s" ? "stored" : "virtual")}");
            else s.Add(col, k, "default", r[5]);
            s.Add(col, k, "identity", r[6] switch { "a" => "always", "d" => "by default", _ => null });
            s.Add(col, k, "collation", r[8]);
            s.Add(col, k, "comment", r[9]);
            // A sequence owned by the column: serial (nextval default) or identity; its options are read below.
            s.Add(col, k, "owned sequence", r[10]?.Replace("public.", "", StringComparison.Ordinal));
        }

        foreach (var r in await RowsAsync(c, $"""
            SELECT c.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle,
                   (SELECT t.relname || '.' || a.attname || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END
                    FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)
            FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {Public}
            """))
        {
            // The sequences of Retort's own tables (retort_version_history.id) are bookkeeping too.
            if (r[8] is { } owner && ignored.Contains(owner.Split('.')[0])) continue;
            var seq = "sequence " + r[0];
            const string k = "sequence";
            s.Object(seq, k);
            s.Add(seq, k, "type", r[1]);
            s.Add(seq, k, "start", r[2]);
            s.Add(seq, k, "increment", r[3]);
            s.Add(seq, k, "min", r[4]);
            s.Add(seq, k, "max", r[5]);
            s.Add(seq, k, "cache", r[6]);
            s.Add(seq, k, "cycle", r[7]);
            s.Add(seq, k, "owned by", r[8]);
        }

        const string Cols = "(SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest({0}) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = {1} AND a.attnum = k.num)";
        foreach (var r in await RowsAsync(c, $"""
            SELECT t.relname, con.conname, con.contype, {string.Format(Cols, "con.conkey", "con.conrelid")},
                   rt.relname, {string.Format(Cols, "con.confkey", "con.confrelid")},
                   con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred, con.convalidated,
                   con.connoinherit, pg_get_constraintdef(con.oid, true), ix.indnullsnotdistinct
            FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_class rt ON rt.oid = con.confrelid
            LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')
            WHERE {Public} AND t.relkind IN ('r', 'p')
            """))
        {
            if (ignored.Contains(r[0]!)) continue;
            var kind = r[2] switch { "p" => "primary key", "u" => "unique", "f" => "foreign key", "c" => "check", "x" => "exclusion", _ => "constraint " + r[2] };
            var con = $"{T(r[0]!)}: constraint {r[1]}";
            s.Object(con, kind);
            s.Add(con, kind, "type", kind);
            if (r[2] is "p" or "u" or "f") s.Add(con, kind, "columns", r[3]);
            if (r[2] == "u") s.Add(con, kind, "nulls not distinct", r[14] == "yes" ? "yes" : null);
            if (r[2] == "f")
            {
                s.Add(con, kind, "references", $"{r[4]} ({r[5]})");
                s.Add(con, kind, "on update", Action(r[6]));
                s.Add(con, kind, "on delete", Action(r[7]));
                s.Add(con, kind, "match", r[8] switch { "f" => "full", "p" => "partial", _ => "simple" });
            }
            if (r[2] is "c" or "x") s.Add(con, kind, "definition", r[13]);
            s.Add(con, kind, "deferrable", r[9]);
            s.Add(con, kind, "initially", r[10] == "yes" ? "deferred" : "immediate");
            s.Add(con, kind, "validated", r[11]);
            s.Add(con, kind, "no inherit", r[12] == "yes" ? "yes" : null);
        }

        // Indexes a constraint does not own. Each key column with its ordering, operator class and collation when not the default.
        foreach (var r in await RowsAsync(c, $"""
            SELECT t.relname, i.relname, am.amname, ix.indisunique, ix.indnullsnotdistinct, pg_get_expr(ix.indpred, ix.indrelid),
                   (SELECT string_agg(pg_get_indexdef(ix.indexrelid, g.k, true)
                        || CASE WHEN oc.opcdefault THEN '' ELSE ' ' || oc.opcname END
                        || CASE WHEN ix.indcollation[g.k - 1] NOT IN (0, 100) AND ix.indcollation[g.k - 1] IS DISTINCT FROM ta.attcollation
                                THEN ' COLLATE ' || (SELECT quote_ident(collname) FROM pg_collation WHERE oid = ix.indcollation[g.k - 1]) ELSE '' END
                        || CASE WHEN ix.indoption[g.k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                        || CASE WHEN ix.indoption[g.k - 1] & 2 = 2 AND ix.indoption[g.k - 1] & 1 = 0 THEN ' NULLS FIRST'
                                WHEN ix.indoption[g.k - 1] & 2 = 0 AND ix.indoption[g.k - 1] & 1 = 1 THEN ' NULLS LAST' ELSE '' END,
                        ', ' ORDER BY g.k)
                    FROM generate_series(1, ix.indnkeyatts) g(k)
                    LEFT JOIN pg_opclass oc ON oc.oid = ix.indclass[g.k - 1]
                    LEFT JOIN pg_attribute ta ON ta.attrelid = ix.indrelid AND ta.attnum = ix.indkey[g.k - 1]),
                   (SELECT string_agg(pg_get_indexdef(ix.indexrelid, g.k, true), ', ' ORDER BY g.k)
                    FROM generate_series(ix.indnkeyatts + 1, ix.indnatts) g(k)),
                   obj_description(i.oid, 'pg_class')
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
            WHERE {Public} AND t.relkind IN ('r', 'p', 'm') AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ix.indexrelid AND x.contype IN ('p', 'u', 'x'))
            """))
        {
            if (ignored.Contains(r[0]!)) continue;
            var ix = $"{T(r[0]!)}: index {r[1]}";
            const string k = "index";
            s.Object(ix, k);
            s.Add(ix, k, "method", r[2]);
            s.Add(ix, k, "unique", r[3]);
            s.Add(ix, k, "nulls not distinct", r[4] == "yes" ? "yes" : null);
            s.Add(ix, k, "where", r[5]);
            s.Add(ix, k, "columns", r[6]);
            s.Add(ix, k, "include", r[7]);
            s.Add(ix, k, "comment", r[8]);
        }

        foreach (var r in await RowsAsync(c, $"""
            SELECT t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE {Public} GROUP BY t.typname
            """))
        {
            s.Object("enum " + r[0], "enum");
            s.Add("enum " + r[0], "enum", "labels", r[1]);
        }

        foreach (var r in await RowsAsync(c, $"""
            SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, co.collname,
                   (SELECT string_agg(x.conname || ' ' || pg_get_constraintdef(x.oid, true), '; ' ORDER BY x.conname) FROM pg_constraint x WHERE x.contypid = t.oid)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> 100
            WHERE {Public} AND t.typtype = 'd'
            """))
        {
            var d = "domain " + r[0];
            const string k = "domain";
            s.Object(d, k);
            s.Add(d, k, "base type", r[1]);
            s.Add(d, k, "nullable", r[2] == "yes" ? "no" : "yes");
            s.Add(d, k, "default", r[3]);
            s.Add(d, k, "collation", r[4]);
            s.Add(d, k, "constraints", r[5]);
        }

        // Views, triggers, routines and extensions, each with its definition as the server prints it.
        foreach (var r in await RowsAsync(c, $"""
            SELECT c.relname, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, pg_get_viewdef(c.oid, true),
                   array_to_string(c.reloptions, ', '), obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {Public} AND c.relkind IN ('v', 'm')
            """))
        {
            s.Object($"{r[1]} {r[0]}", r[1]!);
            s.Add($"{r[1]} {r[0]}", r[1]!, "definition", Squash(r[2] ?? ""));
            s.Add($"{r[1]} {r[0]}", r[1]!, "options", string.IsNullOrEmpty(r[3]) ? null : r[3]);
            s.Add($"{r[1]} {r[0]}", r[1]!, "comment", r[4]);
        }
        foreach (var r in await RowsAsync(c, $"""
            SELECT t.relname, g.tgname, pg_get_triggerdef(g.oid, true), obj_description(g.oid, 'pg_trigger')
            FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE {Public} AND NOT g.tgisinternal
            """))
        {
            if (ignored.Contains(r[0]!)) continue;
            var tg = $"{T(r[0]!)}: trigger {r[1]}";
            s.Object(tg, "trigger");
            s.Add(tg, "trigger", "definition", r[2]);
            s.Add(tg, "trigger", "comment", r[3]);
        }
        foreach (var r in await RowsAsync(c, $"""
            SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind,
                   CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END, obj_description(p.oid, 'pg_proc'),
                   (SELECT concat_ws(' ', 'sfunc', a.aggtransfn, 'stype', format_type(a.aggtranstype, NULL), 'final', a.aggfinalfn, 'combine', a.aggcombinefn,
                                     'init', a.agginitval, 'msfunc', a.aggmtransfn, 'sortop', a.aggsortop::regoperator, 'kind', a.aggkind, 'parallel', p.proparallel)
                    FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE {Public} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            """))
        {
            // The whole definition as the server prints it (pg_get_functiondef); an aggregate by its pg_aggregate row.
            s.Object("routine " + r[0], "routine");
            s.Add("routine " + r[0], "routine", "kind", r[1]);
            s.Add("routine " + r[0], "routine", "definition", r[2]);
            s.Add("routine " + r[0], "routine", "comment", r[3]);
            s.Add("routine " + r[0], "routine", "aggregate", r[4]);
        }
        // Not modelled (named in a revision's comment only): listed so that losing them is visible rather than silent.
        foreach (var r in await RowsAsync(c, $"""
            SELECT o.oid::regoperator::text, o.oprcode::regproc::text FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
            WHERE {Public} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e')
            """))
        {
            s.Object("operator " + r[0], "operator");
            s.Add("operator " + r[0], "operator", "function", r[1]);
        }
        foreach (var r in await RowsAsync(c, "SELECT extname, extversion, extnamespace::regnamespace::text FROM pg_extension WHERE extname <> 'plpgsql'"))
        {
            s.Object("extension " + r[0], "extension");
            s.Add("extension " + r[0], "extension", "version", r[1]);
            s.Add("extension " + r[0], "extension", "schema", r[2]);
        }
    }

    private static string? Action(string? code) => code switch
    {
        "a" => "no action",
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => code,
    };
}
