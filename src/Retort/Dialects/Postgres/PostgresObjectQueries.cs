namespace Retort.Dialects.Postgres;

/// <summary>
/// The reflector's queries for what is not a table: views, routines, triggers, extensions, and the objects still
/// only named. One query per kind over all the schemas read (<c>@schemas</c>), whatever the number of objects; each
/// definition is printed by the server's own functions (pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef), so
/// that the model's side, put through the same functions, compares exactly. Objects an extension owns (pg_depend
/// deptype 'e') are never read: creating the extension makes them.
/// </summary>
internal static class PostgresObjectQueries
{
    /// <summary>An object an extension owns (tables, types, sequences, functions, views of PostGIS, citext …).</summary>
    public const string NotExtensionOwned =
        "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.objid = {0} AND xd.classid = '{1}'::regclass AND xd.deptype = 'e')";

    /// <summary>
    /// Views and materialized views: the query as pg_get_viewdef prints it, options (security_barrier, check_option),
    /// comment, and the relations and routines the view reads (through its rewrite rule's dependencies).
    /// </summary>
    public static readonly string Views = $"""
        SELECT c.relname, n.nspname, c.relkind = 'm', pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class'),
               COALESCE(c.reloptions, ARRAY[]::text[]),
               ARRAY(SELECT DISTINCT CASE WHEN d.refclassid = 'pg_class'::regclass
                                          THEN (SELECT CASE WHEN rn.nspname = n.nspname THEN r.relname::text ELSE rn.nspname || '.' || r.relname END
                                                FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = d.refobjid)
                                          ELSE (SELECT p.proname::text FROM pg_proc p WHERE p.oid = d.refobjid) END
                     FROM pg_rewrite w JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
                     WHERE w.ev_class = c.oid AND d.refobjid <> c.oid AND d.deptype = 'n'
                       AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass)
                       AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.objid = d.refobjid AND xd.deptype = 'e')
                     ORDER BY 1)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(@schemas) AND {string.Format(NotExtensionOwned, "c.oid", "pg_class")}
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>
    /// Functions, procedures and aggregates: pg_get_functiondef for functions and procedures; an aggregate's CREATE
    /// AGGREGATE assembled from pg_aggregate as pg_dump writes it (only the options that differ from the defaults).
    /// Then the identity arguments, comment, and what the routine reads: tables whose row type it uses, other routines
    /// (an aggregate's state and final functions), tables and views a SQL-standard body names.
    /// </summary>
    public static readonly string Routines = $"""
        SELECT p.proname, n.nspname, p.prokind::text,
               CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE
                 'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_arguments(p.oid) || ') (' || E'\n'
                 || concat_ws(E',\n',
                      '    SFUNC = ' || a.aggtransfn::regproc::text,
                      '    STYPE = ' || format_type(a.aggtranstype, NULL),
                      CASE WHEN a.aggtransspace <> 0 THEN '    SSPACE = ' || a.aggtransspace END,
                      CASE WHEN a.aggfinalfn <> 0 THEN '    FINALFUNC = ' || a.aggfinalfn::regproc::text END,
                      CASE WHEN a.aggfinalextra THEN '    FINALFUNC_EXTRA' END,
                      CASE WHEN a.aggfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
                           THEN '    FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
                      CASE WHEN a.aggcombinefn <> 0 THEN '    COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
                      CASE WHEN a.aggserialfn <> 0 THEN '    SERIALFUNC = ' || a.aggserialfn::regproc::text END,
                      CASE WHEN a.aggdeserialfn <> 0 THEN '    DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
                      CASE WHEN a.agginitval IS NOT NULL THEN '    INITCOND = ' || quote_literal(a.agginitval) END,
                      CASE WHEN a.aggmtransfn <> 0 THEN '    MSFUNC = ' || a.aggmtransfn::regproc::text END,
                      CASE WHEN a.aggminvtransfn <> 0 THEN '    MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
                      CASE WHEN a.aggmtranstype <> 0 THEN '    MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
                      CASE WHEN a.aggmtransspace <> 0 THEN '    MSSPACE = ' || a.aggmtransspace END,
                      CASE WHEN a.aggmfinalfn <> 0 THEN '    MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
                      CASE WHEN a.aggmfinalextra THEN '    MFINALFUNC_EXTRA' END,
                      CASE WHEN a.aggminitval IS NOT NULL THEN '    MINITCOND = ' || quote_literal(a.aggminitval) END,
                      CASE WHEN a.aggsortop <> 0 THEN '    SORTOP = ' || a.aggsortop::regoperator::text END,
                      CASE WHEN a.aggkind = 'h' THEN '    HYPOTHETICAL' END,
                      CASE p.proparallel WHEN 's' THEN '    PARALLEL = SAFE' WHEN 'r' THEN '    PARALLEL = RESTRICTED' END)
                 || E'\n)' END,
               pg_get_function_identity_arguments(p.oid), obj_description(p.oid, 'pg_proc'),
               ARRAY(SELECT DISTINCT CASE WHEN d.refclassid = 'pg_proc'::regclass THEN (SELECT r.proname::text FROM pg_proc r WHERE r.oid = d.refobjid)
                                          WHEN d.refclassid = 'pg_class'::regclass THEN (SELECT r.relname::text FROM pg_class r WHERE r.oid = d.refobjid)
                                          ELSE (SELECT r.relname::text FROM pg_type t JOIN pg_class r ON r.oid = t.typrelid WHERE t.oid = d.refobjid AND r.relkind <> 'c') END
                     FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
                       AND d.refclassid IN ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
                       AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.objid = d.refobjid AND xd.deptype = 'e')
                     ORDER BY 1)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
        WHERE n.nspname = ANY(@schemas) AND {string.Format(NotExtensionOwned, "p.oid", "pg_proc")}
        ORDER BY n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)
        """;

    /// <summary>
    /// Operators, in the shape of <see cref="Routines"/>: CREATE OPERATOR assembled from pg_operator as pg_dump writes
    /// it, the left and right types as the signature, and the functions it uses.
    /// </summary>
    public static readonly string Operators = $"""
        SELECT o.oprname, n.nspname, 'o',
               'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || ' (' || E'\n'
               || concat_ws(E',\n',
                    '    FUNCTION = ' || o.oprcode::regproc::text,
                    CASE WHEN o.oprleft <> 0 THEN '    LEFTARG = ' || format_type(o.oprleft, NULL) END,
                    CASE WHEN o.oprright <> 0 THEN '    RIGHTARG = ' || format_type(o.oprright, NULL) END,
                    CASE WHEN o.oprcom <> 0 THEN '    COMMUTATOR = ' || o.oprcom::regoper::text END,
                    CASE WHEN o.oprnegate <> 0 THEN '    NEGATOR = ' || o.oprnegate::regoper::text END,
                    CASE WHEN o.oprrest <> 0 THEN '    RESTRICT = ' || o.oprrest::regproc::text END,
                    CASE WHEN o.oprjoin <> 0 THEN '    JOIN = ' || o.oprjoin::regproc::text END,
                    CASE WHEN o.oprcanhash THEN '    HASHES' END,
                    CASE WHEN o.oprcanmerge THEN '    MERGES' END)
               || E'\n)',
               COALESCE(format_type(NULLIF(o.oprleft, 0), NULL), 'NONE') || ', ' || format_type(o.oprright, NULL),
               obj_description(o.oid, 'pg_operator'),
               ARRAY(SELECT DISTINCT r.proname::text FROM pg_proc r WHERE r.oid IN (o.oprcode, o.oprrest, o.oprjoin)
                       AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.objid = r.oid AND xd.deptype = 'e') ORDER BY 1)
        FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
        WHERE n.nspname = ANY(@schemas) AND {string.Format(NotExtensionOwned, "o.oid", "pg_operator")}
        ORDER BY n.nspname, o.oprname, 5
        """;

    /// <summary>
    /// Triggers as pg_get_triggerdef prints them, not internal ones (foreign keys') nor the clones a partition gets
    /// from its parent's trigger; with the function each one runs.
    /// </summary>
    public static readonly string Triggers = $"""
        SELECT g.tgname, t.relname, n.nspname, pg_get_triggerdef(g.oid), obj_description(g.oid, 'pg_trigger'), p.proname
        FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_proc p ON p.oid = g.tgfoid
        WHERE n.nspname = ANY(@schemas) AND NOT g.tgisinternal AND g.tgparentid = 0 AND {string.Format(NotExtensionOwned, "t.oid", "pg_class")}
        ORDER BY n.nspname, t.relname, g.tgname
        """;

    /// <summary>Extensions installed in the schemas read (not plpgsql, which every database has), with the version when not the default.</summary>
    public const string Extensions = """
        SELECT e.extname, n.nspname, CASE WHEN e.extversion IS DISTINCT FROM av.default_version THEN e.extversion END, obj_description(e.oid, 'pg_extension')
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace LEFT JOIN pg_available_extensions av ON av.name = e.extname
        WHERE n.nspname = ANY(@schemas) AND e.extname <> 'plpgsql'
        ORDER BY e.extname
        """;

    /// <summary>
    /// What autogenerate still leaves alone, named so that a generated revision says so: exclusion constraints,
    /// row-level security policies, rules other than a view's, statistics objects.
    /// </summary>
    public static readonly string Unsupported = $"""
        SELECT 'exclusion constraint', x.conname::text, t.relname::text, n.nspname FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ANY(@schemas) AND x.contype = 'x'
        UNION ALL
        SELECT 'policy', p.polname::text, t.relname::text, n.nspname FROM pg_policy p JOIN pg_class t ON t.oid = p.polrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ANY(@schemas)
        UNION ALL
        SELECT 'rule', w.rulename::text, t.relname::text, n.nspname FROM pg_rewrite w JOIN pg_class t ON t.oid = w.ev_class
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ANY(@schemas) AND w.rulename <> '_RETURN'
        UNION ALL
        SELECT 'statistics', s.stxname::text, t.relname::text, n.nspname FROM pg_statistic_ext s JOIN pg_class t ON t.oid = s.stxrelid
        JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY(@schemas)
        ORDER BY 4, 1, 2
        """;
}
