using System.Globalization;
using Retort.Ops;

namespace Retort.Dialects.Postgres;

/// <summary>What <see cref="AlterColumnOperation.Definition"/> can change on PostgreSQL: collation, identity, generation.</summary>
public partial class PostgresDialect
{
    /// <summary>
    /// Back to the storage of the column's type (what a null <see cref="Column.Storage"/> means): PostgreSQL 15 has no
    /// SET STORAGE DEFAULT, so the type's is read from the catalog when the statement runs.
    /// </summary>
    private SqlStatement TypeStorage(string table, string? schema, string column) =>
        "DO $$ BEGIN EXECUTE (SELECT format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE %s', a.attrelid::regclass, a.attname, "
        + "CASE t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END) "
        + $"FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = {StringLiteral(Qualify(table, schema))}::regclass "
        + $"AND a.attname = {StringLiteral(column)}); END $$";

    private IEnumerable<SqlStatement> AlterDefinition(AlterColumnOperation o, Column to, Column from)
    {
        var alter = $"ALTER TABLE {Qualify(o.Table, o.Schema)} ALTER COLUMN {QuoteIdentifier(o.Column)}";
        if (to.Computed is { } computed && (from.Computed is not { } was || was.Stored != computed.Stored || NormalizeExpression(was.Sql) != NormalizeExpression(computed.Sql)))
        {
            // PostgreSQL cannot make an existing column generated or change its expression (before 17): the column is
            // dropped and added with its whole new definition; its values are computed anew.
            yield return $"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP COLUMN {QuoteIdentifier(o.Column)}";
            yield return $"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD COLUMN {ColumnDefinition(o.Table, to)}";
            yield break;
        }
        if (!string.Equals(to.Collation, from.Collation, StringComparison.Ordinal))
            yield return $"{alter} TYPE {TypeToSql(o.Type ?? to.Type)} COLLATE {QuoteIdentifier(to.Collation ?? "default")}";

        if (to.Storage is not null && !string.Equals(to.Storage, from.Storage, StringComparison.OrdinalIgnoreCase))
            yield return $"{alter} SET STORAGE {StorageKeyword(to.Storage)}";
        else if (to.Storage is null && from.Storage is not null)
            yield return TypeStorage(o.Table, o.Schema, o.Column);

        if (from.Computed is not null && to.Computed is null) yield return $"{alter} DROP EXPRESSION";

        if (to.Identity is { Kind: IdentityKind.Serial } || from.Identity is { Kind: IdentityKind.Serial })
        {
            if (to.Identity != from.Identity)
                throw new NotSupportedException($"PostgreSQL has no ALTER for changing {o.Table}.{o.Column} to or from serial: change its default and sequence with op.Execute.");
            yield break;
        }
        // A plain Autoincrement is an identity (BY DEFAULT), as CREATE TABLE writes it.
        var (wasIdentity, isIdentity) = (from.Identity is not null || from.Autoincrement, to.Identity is not null || to.Autoincrement);
        if (wasIdentity && !isIdentity) yield return $"{alter} DROP IDENTITY";
        else if (!wasIdentity && isIdentity) yield return $"{alter} ADD{IdentityClause(o.Table, to)}";
        else if (to.Identity is { } id && from.Identity is { } old && id != old)
        {
            static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
            var sets = new List<string>();
            if (id.Always != old.Always) sets.Add($"SET GENERATED {(id.Always ? "ALWAYS" : "BY DEFAULT")}");
            if (id.Increment != old.Increment) sets.Add($"SET INCREMENT BY {N(id.Increment ?? 1)}");
            if (id.MinValue != old.MinValue) sets.Add(id.MinValue is { } mn ? $"SET MINVALUE {N(mn)}" : "SET NO MINVALUE");
            if (id.MaxValue != old.MaxValue) sets.Add(id.MaxValue is { } mx ? $"SET MAXVALUE {N(mx)}" : "SET NO MAXVALUE");
            if (id.Start != old.Start && id.Start is { } start) sets.Add($"SET START WITH {N(start)}");
            if (id.Cache != old.Cache) sets.Add($"SET CACHE {N(id.Cache ?? 1)}");
            if (id.Cycle != old.Cycle) sets.Add(id.Cycle ? "SET CYCLE" : "SET NO CYCLE");
            if (sets.Count > 0) yield return $"{alter} {string.Join(" ", sets)}";
        }
    }
}
