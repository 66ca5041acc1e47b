using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>One difference between model and database, with the operation that removes it.</summary>
public sealed record SchemaDiff(string Description, MigrationOperation Upgrade)
{
    /// <summary>The inverse, by the operations' one rule (<see cref="MigrationOperation.Reverse"/>).</summary>
    public MigrationOperation Downgrade => Upgrade.Reverse();

    /// <summary>A note for the reviewer, e.g. that a drop and an add may really be a rename.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Compares the target model with the live database (Alembic's compare_metadata): tables, columns, types,
/// nullability, defaults, indexes, unique, foreign-key and check constraints, comments.
/// </summary>
public sealed class SchemaComparer(DatabaseProvider provider, Func<string, string, bool>? includeName = null)
{
    private readonly SqlDialect dialect = provider.Dialect;

    private bool Include(string name, string kind) => includeName?.Invoke(name, kind) ?? true;

    public IReadOnlyList<SchemaDiff> Compare(DatabaseSchema model, DatabaseSchema database)
    {
        var diffs = new List<SchemaDiff>();
        foreach (var table in model.Tables.Where(t => Include(t.Name, "table")))
        {
            var live = database.Find(table.Name, table.Schema);
            if (live is null) diffs.AddRange(AddTable(table));
            else CompareTable(table, live, diffs);
        }
        foreach (var live in database.Tables.Where(t => Include(t.Name, "table") && model.Find(t.Name, t.Schema) is null))
            diffs.AddRange(RemoveTable(live));
        return diffs;
    }

    private IEnumerable<SchemaDiff> AddTable(TableSchema t)
    {
        yield return new SchemaDiff($"add table {t.Name}", Create(t));
        foreach (var i in t.Indexes)
            yield return new SchemaDiff($"add index {i.Name} on {t.Name}", CreateIndex(t, i));
    }

    private IEnumerable<SchemaDiff> RemoveTable(TableSchema t)
    {
        foreach (var i in t.Indexes)
            yield return new SchemaDiff($"remove index {i.Name} on {t.Name}", CreateIndex(t, i).Reverse());
        yield return new SchemaDiff($"remove table {t.Name}", Create(t).Reverse());
    }

    private static CreateTableOperation Create(TableSchema t) => new(t.Name, t.Columns)
    {
        Schema = t.Schema,
        PrimaryKey = t.PrimaryKey,
        ForeignKeys = t.ForeignKeys,
        UniqueConstraints = t.UniqueConstraints,
        CheckConstraints = t.CheckConstraints,
        Comment = t.Comment,
    };

    private static CreateIndexOperation CreateIndex(TableSchema t, IndexSchema i) =>
        new(i.Name, t.Name, i.Columns) { Unique = i.Unique, Where = i.Where, Schema = t.Schema };

    private void CompareTable(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        var added = model.Columns.Where(c => live.Column(c.Name) is null && Include(c.Name, "column")).ToList();
        var removed = live.Columns.Where(c => model.Column(c.Name) is null && Include(c.Name, "column")).ToList();
        foreach (var c in added)
        {
            var rename = removed.FirstOrDefault(r => SameType(c.Type, live, r.Name));
            diffs.Add(new SchemaDiff($"add column {table}.{c.Name}", new AddColumnOperation(table, c) { Schema = model.Schema })
            {
                Note = rename is null ? null : $"REVIEW: {table}.{rename.Name} is dropped and {table}.{c.Name} added with the same type; if this is a rename, use op.AlterColumn(\"{table}\", \"{rename.Name}\", newName: \"{c.Name}\") instead to keep the data.",
            });
        }
        foreach (var c in removed)
            diffs.Add(new SchemaDiff($"remove column {table}.{c.Name}", new AddColumnOperation(table, c) { Schema = model.Schema }.Reverse()));

        foreach (var c in model.Columns)
        {
            if (live.Column(c.Name) is not { } l || !Include(c.Name, "column")) continue;
            var existing = new AlterColumnOperation(table, c.Name) { Schema = model.Schema, ExistingType = l.Type, ExistingNullable = l.Nullable, ExistingServerDefault = l.ServerDefault, ExistingComment = l.Comment, ExistingAutoincrement = l.Autoincrement };
            if (!SameType(c.Type, live, l.Name))
                diffs.Add(new SchemaDiff($"modify type {table}.{c.Name}: {RawType(live, l)} -> {dialect.TypeToSql(c.Type)}",
                    existing with { Type = c.Type }));
            if (!c.PrimaryKey && c.Nullable != l.Nullable)
                diffs.Add(new SchemaDiff($"modify nullable {table}.{c.Name}: {l.Nullable} -> {c.Nullable}",
                    existing with { Nullable = c.Nullable, ExistingType = c.Type }));
            if (!c.Autoincrement && !l.Autoincrement && NormalizeDefault(c.ServerDefault) != NormalizeDefault(l.ServerDefault))
                diffs.Add(new SchemaDiff($"modify default {table}.{c.Name}: {l.ServerDefault ?? "none"} -> {c.ServerDefault ?? "none"}",
                    existing with { ChangeServerDefault = true, ServerDefault = c.ServerDefault, ExistingType = c.Type }));
            if (HasComments && c.Comment != l.Comment)
                diffs.Add(new SchemaDiff($"modify comment {table}.{c.Name}",
                    existing with { ChangeComment = true, Comment = c.Comment, ExistingType = c.Type }));
        }

        // Some databases (MySQL) keep unique constraints as unique indexes: compare both as indexes there.
        var modelIndexes = model.Indexes.ToList();
        if (provider.Capabilities.UniqueConstraintsAreIndexes)
            modelIndexes.AddRange(model.UniqueConstraints.Select(u => new IndexSchema(u.Name ?? Naming.Unique(table, u.Columns), u.Columns) { Unique = true }));
        foreach (var i in modelIndexes.Where(i => Include(i.Name, "index")))
        {
            var l = live.Indexes.FirstOrDefault(x => x.Name == i.Name);
            if (l is not null && l.Unique == i.Unique && l.Columns.SequenceEqual(i.Columns, StringComparer.OrdinalIgnoreCase)) continue;
            if (l is not null)
                diffs.Add(new SchemaDiff($"remove index {l.Name} on {table} (changed)", CreateIndex(live, l).Reverse()));
            diffs.Add(new SchemaDiff($"add index {i.Name} on {table}", CreateIndex(model, i)));
        }
        foreach (var l in live.Indexes.Where(l => Include(l.Name, "index") && !modelIndexes.Any(i => i.Name == l.Name)))
            diffs.Add(new SchemaDiff($"remove index {l.Name} on {table}", CreateIndex(live, l).Reverse()));

        if (!provider.Capabilities.UniqueConstraintsAreIndexes)
            CompareNamed(table, model.UniqueConstraints, live.UniqueConstraints, u => u.Name ?? Naming.Unique(table, u.Columns), "unique", diffs,
                u => new CreateUniqueConstraintOperation(u.Name ?? Naming.Unique(table, u.Columns), table, u.Columns) { Schema = model.Schema });
        CompareNamed(table, model.ForeignKeys, live.ForeignKeys, f => f.Name ?? Naming.ForeignKey(table, f.Columns, f.ReferencedTable), "foreign_key", diffs,
            f => new CreateForeignKeyOperation(f.Name ?? Naming.ForeignKey(table, f.Columns, f.ReferencedTable), table, f) { Schema = model.Schema }, SameForeignKey);
        CompareNamed(table, model.CheckConstraints.Where(c => c.Name is not null).ToList(), live.CheckConstraints.Where(c => c.Name is not null).ToList(),
            c => c.Name!, "check", diffs,
            c => new CreateCheckConstraintOperation(c.Name!, table, c.Sql) { Schema = model.Schema });

        if (HasComments && model.Comment != live.Comment)
            diffs.Add(new SchemaDiff($"modify table comment {table}",
                new TableCommentOperation(table, model.Comment) { Schema = model.Schema, ExistingComment = live.Comment }));
    }

    /// <summary>Constraints matched by name: a missing one is created, an extra one dropped (its drop carries it, to be reversible).</summary>
    private void CompareNamed<T>(string table, IReadOnlyList<T> model, IReadOnlyList<T> live, Func<T, string> name, string kind, List<SchemaDiff> diffs,
        Func<T, CreateConstraintOperation> create, Func<T, T, bool>? same = null)
    {
        // Same name, different definition (e.g. another ON DELETE): dropped and created again.
        if (same is not null)
            foreach (var m in model.Where(m => Include(name(m), kind)))
                if (live.FirstOrDefault(l => name(l) == name(m)) is { } l && !same(m, l))
                {
                    diffs.Add(new SchemaDiff($"remove {kind.Replace('_', ' ')} {name(l)} on {table} (changed)", create(l).Reverse()));
                    diffs.Add(new SchemaDiff($"add {kind.Replace('_', ' ')} {name(m)} on {table}", create(m)));
                }
        foreach (var m in model.Where(m => Include(name(m), kind) && !live.Any(l => name(l) == name(m))))
            diffs.Add(new SchemaDiff($"add {kind.Replace('_', ' ')} {name(m)} on {table}", create(m)));
        foreach (var l in live.Where(l => Include(name(l), kind) && !model.Any(m => name(m) == name(l))))
            diffs.Add(new SchemaDiff($"remove {kind.Replace('_', ' ')} {name(l)} on {table}", create(l).Reverse()));
    }

    /// <summary>Columns, referenced table and columns, and ON DELETE (NO ACTION and none are the same rule; on MySQL
    /// and MariaDB, whose catalogs report their default as RESTRICT, RESTRICT is too). ON UPDATE is left out until
    /// every reflector reads it.</summary>
    private bool SameForeignKey(ForeignKey model, ForeignKey live) =>
        model.Columns.SequenceEqual(live.Columns, StringComparer.OrdinalIgnoreCase)
        && string.Equals(model.ReferencedTable, live.ReferencedTable, StringComparison.OrdinalIgnoreCase)
        && model.ReferencedColumns.SequenceEqual(live.ReferencedColumns, StringComparer.OrdinalIgnoreCase)
        && DeleteRule(model.OnDelete) == DeleteRule(live.OnDelete);

    private ReferentialAction DeleteRule(ReferentialAction? action) =>
        action is null || (action == ReferentialAction.Restrict && provider.Capabilities.RestrictIsNoAction) ? ReferentialAction.NoAction : action.Value;

    private bool HasComments => provider.Capabilities.Comments;

    private bool SameType(SqlType model, TableSchema live, string column) =>
        provider.Types.Canonical(SafeTypeSql(model)) == provider.Types.Canonical(RawType(live, live.Column(column)!));

    private string SafeTypeSql(SqlType t)
    {
        try { return dialect.TypeToSql(t); }
        catch (NotSupportedException) { return t.ToString(); }
    }

    private string RawType(TableSchema live, Column c) => live.RawTypes.TryGetValue(c.Name, out var raw) ? raw : SafeTypeSql(c.Type);

    /// <summary>Defaults as databases echo them: without casts (PostgreSQL), outer parentheses, or case.</summary>
    internal static string? NormalizeDefault(string? d)
    {
        if (d is null) return null;
        var s = System.Text.RegularExpressions.Regex.Replace(d.Trim(), @"::[\w\s]+(\[\])?", "");
        while (s.Length > 1 && s[0] == '(' && s[^1] == ')') s = s[1..^1].Trim();
        return s.ToLowerInvariant();
    }
}
