using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>Columns added, removed and changed: type, nullability, default, comment, and the rest of the definition.</summary>
    private void CompareColumns(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        var added = model.Columns.Where(c => live.Column(c.Name) is null && Include(c, c.Name, "column", false, null)).ToList();
        var removed = live.Columns.Where(c => model.Column(c.Name) is null && Include(c, c.Name, "column", true, null)).ToList();
        foreach (var c in added)
        {
            var rename = removed.FirstOrDefault(r => SameType(model, c, live, r.Name));
            var zero = NotNullColumnFill.ZeroDefault(c, dialect);
            diffs.Add(new SchemaDiff($"add column {table}.{c.Name}", new AddColumnOperation(table, zero is null ? c : c with { ServerDefault = zero }) { Schema = model.Schema })
            {
                Note = rename is not null ? $"REVIEW: {table}.{rename.Name} is dropped and {table}.{c.Name} added with the same type; if this is a rename, use op.AlterColumn(\"{table}\", \"{rename.Name}\", newName: \"{c.Name}\") instead to keep the data."
                    : zero is not null ? NotNullColumnFill.Note : null,
            });
            if (zero is not null)
                diffs.Add(new SchemaDiff($"fill {table}.{c.Name} with {zero}, then drop that default", NotNullColumnFill.DropDefault(table, model.Schema, c, zero)));
        }
        foreach (var c in removed)
            diffs.Add(new SchemaDiff($"remove column {table}.{c.Name}", new AddColumnOperation(table, c) { Schema = model.Schema }.Reverse()));

        foreach (var c in model.Columns)
        {
            if (live.Column(c.Name) is not { } l || !Include(c, c.Name, "column", false, l)) continue;
            var existing = new AlterColumnOperation(table, c.Name) { Schema = model.Schema, ExistingType = l.Type, ExistingNullable = l.Nullable, ExistingServerDefault = l.ServerDefault, ExistingComment = l.Comment, ExistingAutoincrement = l.Autoincrement };
            if (!SameType(model, c, live, l.Name))
                diffs.Add(new SchemaDiff($"modify type {table}.{c.Name}: {RawType(live, l)} -> {dialect.TypeToSql(c.Type)}",
                    existing with { Type = c.Type }));
            if (!c.PrimaryKey && c.Nullable != l.Nullable)
                diffs.Add(new SchemaDiff($"modify nullable {table}.{c.Name}: {l.Nullable} -> {c.Nullable}",
                    existing with { Nullable = c.Nullable, ExistingType = c.Type }));
            if (!c.Autoincrement && !l.Autoincrement && !SameDefault(c.ServerDefault, l.ServerDefault))
                diffs.Add(new SchemaDiff($"modify default {table}.{c.Name}: {l.ServerDefault ?? "none"} -> {c.ServerDefault ?? "none"}",
                    existing with { ChangeServerDefault = true, ServerDefault = c.ServerDefault, ExistingType = c.Type }));
            if (HasComments && c.Comment != l.Comment)
                diffs.Add(new SchemaDiff($"modify comment {table}.{c.Name}",
                    existing with { ChangeComment = true, Comment = c.Comment, ExistingType = c.Type }));
            if (OtherDifferences(c, l) is { Count: > 0 } what)
                diffs.Add(new SchemaDiff($"modify {string.Join(", ", what)} {table}.{c.Name}",
                    // A model silent about storage keeps the live one (null would mean the type's own).
                    new AlterColumnOperation(table, c.Name) { Schema = model.Schema, Definition = c.Storage is null ? c with { Storage = l.Storage } : c, ExistingDefinition = l, ExistingType = l.Type, ExistingNullable = l.Nullable })
                {
                    Note = what.Contains(GeneratedExpression) && !provider.Capabilities.AlterGeneratedColumns && c.Computed is not null
                        ? $"REVIEW: {provider.Name} cannot make a column generated or change its expression in place: {table}.{c.Name} is dropped and added again (its values are computed anew; indexes, constraints and views on it go with the drop)."
                        : null,
                });
        }
    }

    /// <summary>
    /// What differs beyond type, nullability, default and comment: the generated expression (always compared), and
    /// the collation, charset, ON UPDATE and storage when the model states them, and the key generation.
    /// </summary>
    private List<string> OtherDifferences(Column m, Column l)
    {
        var what = new List<string>();
        if ((m.Computed is null) != (l.Computed is null)
            || (m.Computed is { } mc && l.Computed is { } lc && (mc.Stored != lc.Stored || !SameExpression(mc.Sql, lc.Sql))))
            what.Add(GeneratedExpression);
        if (m.Collation is not null && !string.Equals(m.Collation, l.Collation, StringComparison.OrdinalIgnoreCase)) what.Add("collation");
        if (m.Charset is not null && !string.Equals(m.Charset, l.Charset, StringComparison.OrdinalIgnoreCase)) what.Add("charset");
        if (m.OnUpdate is not null && !SameExpression(m.OnUpdate, l.OnUpdate)) what.Add("on update");
        // A model that states how keys are generated is compared on all of it; one that only says autoincrement, on that.
        if (m.Identity is not null ? m.Identity != l.Identity : m.Autoincrement != l.Autoincrement) what.Add("key generation");
        if (m.Storage is not null && !string.Equals(m.Storage, l.Storage, StringComparison.OrdinalIgnoreCase)) what.Add("storage");
        return what;
    }

    private const string GeneratedExpression = "generated expression";

    private bool HasComments => provider.Capabilities.Comments;

    /// <summary>
    /// A model that says how its values are stored (an ORM's type mapping) is compared on that, so EF Core's TEXT
    /// matches a VARCHAR(200) column on SQLite; otherwise the declared types are compared.
    /// </summary>
    private bool SameType(TableSchema modelTable, Column model, TableSchema live, string column)
    {
        var modelSql = SafeTypeSql(model.Type);
        var liveSql = RawType(live, live.Column(column)!);
        return provider.Types.SameType(model.Type, modelSql, liveSql, modelTable, model.Name)
               || (modelTable.ValueStorage.TryGetValue(model.Name, out var values)
                   && provider.Types.StoresAlike(values, modelSql, liveSql, modelTable, live, model.Name) == true);
    }

    private string SafeTypeSql(SqlType t)
    {
        try { return dialect.TypeToSql(t); }
        catch (NotSupportedException) { return t.ToString(); }
    }

    private string RawType(TableSchema live, Column c) => live.RawTypes.TryGetValue(c.Name, out var raw) ? raw : SafeTypeSql(c.Type);

    // A DEFAULT NULL is no default: a nullable column without one reads NULL too (Doctrine, for one, writes it on
    // every nullable column, and SQLite's catalog keeps the text).
    private bool SameDefault(string? model, string? live) => SameExpression(NullIsNone(model), NullIsNone(live));

    private string? NullIsNone(string? expression) =>
        expression is not null && dialect.NormalizeExpression(expression) == dialect.NormalizeExpression("NULL") ? null : expression;

    /// <summary>Two expressions (or both none) that mean the same, as the provider normalises them.</summary>
    private bool SameExpression(string? model, string? live) =>
        model is null || live is null ? model is null && live is null : dialect.NormalizeExpression(model) == dialect.NormalizeExpression(live);
}
