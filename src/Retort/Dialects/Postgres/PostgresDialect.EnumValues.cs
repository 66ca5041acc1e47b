using Retort.Ops;

namespace Retort.Dialects.Postgres;

public partial class PostgresDialect
{
    /// <summary>
    /// PostgreSQL cannot drop an enum value, so one block rebuilds the type: it first refuses (raising an error that
    /// names the table, column and rows) when any column of the type holds the value; otherwise it renames the type
    /// aside, creates it again with the other values in their order, converts each column through text (its default
    /// read before the rename, dropped, and set again after the conversion) and drops the old type. A column of an array or domain over the
    /// type keeps the old type alive, so the final DROP TYPE fails and the transaction rolls the whole change back.
    /// </summary>
    protected override IReadOnlyList<SqlStatement> Generate(DropEnumValueOperation o)
    {
        var type = StringLiteral(Qualify(o.TypeName, o.Schema));
        var name = StringLiteral(o.TypeName);
        var value = StringLiteral(o.Value);
        var retired = StringLiteral(o.TypeName + "_retort_old");
        return [$$"""
            DO $retort$
            DECLARE
                old_type regtype := {{type}}::regtype;
                type_schema text;
                tables text[] := '{}';
                columns text[] := '{}';
                defaults text[] := '{}';
                col record;
                used bigint;
                labels text;
            BEGIN
                SELECT n.nspname INTO type_schema FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = old_type;
                FOR col IN SELECT a.attrelid::regclass::text AS tbl, a.attname::text AS name, pg_get_expr(d.adbin, d.adrelid) AS def
                           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                           WHERE a.atttypid = old_type AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
                           ORDER BY 1, 2 LOOP
                    EXECUTE format('SELECT count(*) FROM %s WHERE %I = %L', col.tbl, col.name, {{value}}) INTO used;
                    IF used > 0 THEN
                        RAISE EXCEPTION 'cannot remove value % from enum %: % row(s) of %.% hold it', {{value}}, {{name}}, used, col.tbl, col.name;
                    END IF;
                    tables := tables || col.tbl;
                    columns := columns || col.name;
                    defaults := defaults || col.def;
                END LOOP;
                SELECT string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder) INTO labels
                    FROM pg_enum WHERE enumtypid = old_type AND enumlabel <> {{value}};
                EXECUTE format('ALTER TYPE %I.%I RENAME TO %I', type_schema, {{name}}, {{retired}});
                EXECUTE format('CREATE TYPE %I.%I AS ENUM (%s)', type_schema, {{name}}, coalesce(labels, ''));
                FOR i IN 1 .. coalesce(array_length(tables, 1), 0) LOOP
                    IF defaults[i] IS NOT NULL THEN
                        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', tables[i], columns[i]);
                    END IF;
                    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE %I.%I USING %I::text::%I.%I',
                        tables[i], columns[i], type_schema, {{name}}, columns[i], type_schema, {{name}});
                    IF defaults[i] IS NOT NULL THEN
                        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', tables[i], columns[i], defaults[i]);
                    END IF;
                END LOOP;
                EXECUTE format('DROP TYPE %I.%I', type_schema, {{retired}});
            END
            $retort$
            """];
    }
}
