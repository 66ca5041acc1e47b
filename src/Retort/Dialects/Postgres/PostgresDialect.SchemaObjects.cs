using Retort.Ops;

namespace Retort.Dialects.Postgres;

/// <summary>
/// PostgreSQL's spelling of views (materialized, with options and indexes), routines (dropped by signature),
/// triggers (dropped ON their table), extensions, partitions (PARTITION BY, ATTACH/DETACH), column storage and
/// comments on all of them.
/// </summary>
public partial class PostgresDialect
{
    protected override IReadOnlyList<SqlStatement> Generate(CreateViewOperation o)
    {
        var v = o.View;
        var options = v.Options.Where(kv => kv.Key.StartsWith(OptionPrefix, StringComparison.Ordinal)).ToList();
        var with = options.Count == 0 ? "" : $" WITH ({string.Join(", ", options.Select(kv => $"{kv.Key[OptionPrefix.Length..]}={kv.Value}"))})";
        var statements = new List<SqlStatement>
        {
            $"CREATE {(v.Materialized ? "MATERIALIZED " : "")}VIEW {Qualify(v.Name, v.Schema)}{ViewColumns(v)}{with} AS\n{v.Query}",
        };
        if (v.Comment is not null) statements.AddRange(ObjectComment(v, v.Comment));
        foreach (var index in v.Indexes) statements.AddRange(Generate(CreateIndexOperation.From(index, v.Name, v.Schema)));
        return statements;
    }

    private const string OptionPrefix = "postgresql.";

    protected override IReadOnlyList<SqlStatement> Generate(DropViewOperation o) =>
        [$"DROP {(o.Materialized ? "MATERIALIZED " : "")}VIEW {Qualify(o.Name, o.Schema)}"];

    /// <summary>
    /// A SQL-language function is checked against the tables it reads when created; as pg_dump does, the check is
    /// off for the migration's transaction so that functions can come before the tables (a default may call one).
    /// </summary>
    protected override IReadOnlyList<SqlStatement> Generate(CreateRoutineOperation o) =>
        o.Routine.Kind is RoutineKind.Function or RoutineKind.Procedure
            ? ["SET LOCAL check_function_bodies = off", .. base.Generate(o)]
            : base.Generate(o);

    protected override IReadOnlyList<SqlStatement> Generate(DropRoutineOperation o) =>
        [$"DROP {RoutineKeyword(o.Kind)} {RoutineName(o.Name, o.Kind, o.Schema)}({o.Signature})"];

    protected override string RoutineKeyword(RoutineKind kind) => kind switch
    {
        RoutineKind.Aggregate => "AGGREGATE",
        RoutineKind.Operator => "OPERATOR",
        _ => base.RoutineKeyword(kind),
    };

    /// <summary>An operator's name is its symbol, which quoting would turn into an identifier; only operator characters are allowed.</summary>
    private string RoutineName(string name, RoutineKind kind, string? schema) =>
        kind != RoutineKind.Operator ? Qualify(name, schema)
        : name.Length > 0 && name.All(ch => "+-*/<>=~!@#%^&|`?".Contains(ch))
            ? (schema is null ? "" : QuoteIdentifier(schema) + ".") + name
            : throw new NotSupportedException($"'{name}' is not a PostgreSQL operator name.");

    /// <summary>A function's or procedure's new body replaces the old in place (pg_get_functiondef prints CREATE OR
    /// REPLACE), so the views and triggers using it stay; an aggregate is dropped and created.</summary>
    protected override IReadOnlyList<SqlStatement> Generate(ReplaceRoutineOperation o) =>
        o.Routine.Kind != RoutineKind.Aggregate && o.Routine.Kind == o.Existing.Kind && SameSignature(o.Routine, o.Existing)
        && o.Routine.Definition.TrimStart().StartsWith("CREATE OR REPLACE ", StringComparison.OrdinalIgnoreCase)
            ? [.. Generate(new CreateRoutineOperation(o.Routine)), .. o.Routine.Comment is null && o.Existing.Comment is not null ? ObjectComment(o.Routine, null) : []]
            : base.Generate(o);

    private static bool SameSignature(RoutineDefinition a, RoutineDefinition b) =>
        a.Name == b.Name && a.Schema == b.Schema && string.Equals(a.Signature.Replace(" ", ""), b.Signature.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);

    protected override IReadOnlyList<SqlStatement> Generate(CreateTriggerOperation o)
    {
        var t = o.Trigger;
        return t.Comment is null ? [t.Definition] : [t.Definition, .. ObjectComment(t, t.Comment)];
    }

    protected override IReadOnlyList<SqlStatement> Generate(DropTriggerOperation o) =>
        [$"DROP TRIGGER {QuoteIdentifier(o.Name)} ON {Qualify(o.Table, o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> Generate(CreateExtensionOperation o)
    {
        var e = o.Extension;
        var sql = $"CREATE EXTENSION IF NOT EXISTS {QuoteIdentifier(e.Name)}"
                  + (e.Schema is null ? "" : " SCHEMA " + QuoteIdentifier(e.Schema))
                  + (e.Version is null ? "" : " VERSION " + StringLiteral(e.Version));
        return e.Comment is null ? [sql] : [sql, .. ObjectComment(e, e.Comment)];
    }

    protected override IReadOnlyList<SqlStatement> Generate(DropExtensionOperation o) => [$"DROP EXTENSION {QuoteIdentifier(o.Name)}"];

    protected override IReadOnlyList<SqlStatement> Generate(AttachPartitionOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ATTACH PARTITION {Qualify(o.Partition, o.PartitionSchema ?? o.Schema)} {o.Bound}"];

    protected override IReadOnlyList<SqlStatement> Generate(DetachPartitionOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DETACH PARTITION {Qualify(o.Partition, o.PartitionSchema ?? o.Schema)}"];

    protected override IReadOnlyList<SqlStatement> ObjectComment(SchemaObject o, string? comment)
    {
        var target = o switch
        {
            ViewDefinition v => $"{(v.Materialized ? "MATERIALIZED " : "")}VIEW {Qualify(v.Name, v.Schema)}",
            RoutineDefinition r => $"{RoutineKeyword(r.Kind)} {RoutineName(r.Name, r.Kind, r.Schema)}({r.Signature})",
            TriggerDefinition t => $"TRIGGER {QuoteIdentifier(t.Name)} ON {Qualify(t.Table, t.Schema)}",
            ExtensionDefinition e => $"EXTENSION {QuoteIdentifier(e.Name)}",
            _ => throw new NotSupportedException($"PostgreSQL: no comment for a {o.KindName}."),
        };
        return [$"COMMENT ON {target} IS {(comment is null ? "NULL" : StringLiteral(comment))}"];
    }

    /// <summary>A partitioned table's key after its columns.</summary>
    protected override string TableSuffix(CreateTableOperation o) => o.PartitionBy is null ? "" : " PARTITION BY " + o.PartitionBy;

    /// <summary>
    /// What a table needs after CREATE TABLE: column storage other than the type's, and for a partition, attaching
    /// it to its parent (created whole first, with its own keys and indexes, as pg_dump does: attaching then adopts
    /// them under their own names instead of making new ones).
    /// </summary>
    private IEnumerable<SqlStatement> AfterCreateTable(CreateTableOperation o)
    {
        foreach (var c in o.Columns.Where(c => c.Storage is not null))
            yield return StorageStatement(o.Name, o.Schema, c.Name, c.Storage!);
        if (o.PartitionOf is { } p)
            foreach (var s in Generate(new AttachPartitionOperation(p.Parent, o.Name, p.Bound) { Schema = p.ParentSchema ?? o.Schema, PartitionSchema = o.Schema }))
                yield return s;
    }

    private SqlStatement StorageStatement(string table, string? schema, string column, string storage) =>
        $"ALTER TABLE {Qualify(table, schema)} ALTER COLUMN {QuoteIdentifier(column)} SET STORAGE {StorageKeyword(storage)}";

    /// <summary>Only the four words PostgreSQL knows go into the SQL (the value comes from a revision).</summary>
    private static string StorageKeyword(string storage) => storage.ToUpperInvariant() switch
    {
        "PLAIN" or "EXTERNAL" or "EXTENDED" or "MAIN" => storage.ToUpperInvariant(),
        _ => throw new NotSupportedException($"PostgreSQL has no column storage '{storage}' (PLAIN, EXTERNAL, EXTENDED or MAIN)."),
    };

    protected override IReadOnlyList<SqlStatement> Generate(AddColumnOperation o) =>
        o.Column.Storage is { } storage ? [.. base.Generate(o), StorageStatement(o.Table, o.Schema, o.Column.Name, storage)] : base.Generate(o);
}
