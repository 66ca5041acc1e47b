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

    /// <summary>
    /// The differences, in an order that can run: new types; new tables by foreign-key dependency (referenced
    /// first, ties by name), with the foreign keys of a cycle added after them where the database can; changes to
    /// existing tables; removed tables in the reverse order (a cycle's keys dropped first); removed types.
    /// </summary>
    public IReadOnlyList<SchemaDiff> Compare(DatabaseSchema model, DatabaseSchema database)
    {
        var diffs = new List<SchemaDiff>();
        CompareTypes(model, database, diffs, out var dropTypes);
        CompareSequences(model, database, diffs, out var dropSequences);

        var added = model.Tables.Where(t => Include(t.Name, "table") && database.Find(t.Name, t.Schema) is null).ToList();
        var (addOrder, addCycle) = DependencyOrder(added);
        foreach (var t in addOrder)
        {
            // Its indexes go with it: dropping the table in the Downgrade drops them (MariaDB refuses to drop an
            // index a foreign key needs on its own).
            diffs.Add(new SchemaDiff($"add table {t.Name}" + (t.Indexes.Count == 0 ? "" : $" with index {string.Join(", ", t.Indexes.Select(i => i.Name))}"),
                Create(t, addCycle, withIndexes: true)));
        }
        foreach (var (t, fk) in addCycle)
            diffs.Add(new SchemaDiff($"add foreign key {FkName(t, fk)} on {t.Name} (after the tables: a foreign-key cycle)", CreateFk(t, fk)));

        foreach (var table in model.Tables.Where(t => Include(t.Name, "table")))
        {
            if (database.Find(table.Name, table.Schema) is not { } live) continue;
            var changes = new List<SchemaDiff>();
            CompareTable(table, live, changes);
            diffs.AddRange(changes.OrderBy(Phase)); // stable: same-phase changes keep their order
        }

        var removed = database.Tables.Where(t => Include(t.Name, "table") && model.Find(t.Name, t.Schema) is null).ToList();
        var (removeOrder, removeCycle) = DependencyOrder(removed);
        foreach (var (t, fk) in removeCycle)
            diffs.Add(new SchemaDiff($"remove foreign key {FkName(t, fk)} on {t.Name} (before the tables: a foreign-key cycle)", CreateFk(t, fk).Reverse()));
        foreach (var t in Enumerable.Reverse(removeOrder))
            diffs.Add(new SchemaDiff($"remove table {t.Name}", Create(t, removeCycle, withIndexes: true).Reverse()));

        diffs.AddRange(dropTypes);
        diffs.AddRange(dropSequences);
        return diffs;
    }

    /// <summary>
    /// Tables ordered so that each comes after the tables its foreign keys reference (stable by name). Where a
    /// cycle leaves no table ready, the first by name goes next and its keys to tables not yet placed are cycle
    /// keys: added by ALTER TABLE after the tables, or kept inline where the database cannot add them later.
    /// </summary>
    private (List<TableSchema> Order, List<(TableSchema Table, ForeignKey Fk)> Cycle) DependencyOrder(List<TableSchema> tables)
    {
        static string Key(string? schema, string name) => (schema ?? "") + "." + name.ToLowerInvariant();
        var pending = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Schema, StringComparer.Ordinal).ToList();
        var inSet = pending.Select(t => Key(t.Schema, t.Name)).ToHashSet();
        var placed = new HashSet<string>();
        var order = new List<TableSchema>();
        var cycle = new List<(TableSchema, ForeignKey)>();
        IEnumerable<ForeignKey> Waiting(TableSchema t) => t.ForeignKeys.Where(f =>
        {
            var target = Key(f.ReferencedSchema ?? t.Schema, f.ReferencedTable);
            return target != Key(t.Schema, t.Name) && inSet.Contains(target) && !placed.Contains(target);
        });
        TableSchema Target(TableSchema t, ForeignKey f) =>
            pending.First(p => Key(p.Schema, p.Name) == Key(f.ReferencedSchema ?? t.Schema, f.ReferencedTable));
        // Whether "to" can be reached from "from" along keys to tables not yet placed.
        bool Reaches(TableSchema from, TableSchema to)
        {
            var seen = new HashSet<TableSchema>();
            var stack = new Stack<TableSchema>([from]);
            while (stack.TryPop(out var t))
            {
                if (t == to) return true;
                if (!seen.Add(t)) continue;
                foreach (var f in Waiting(t)) stack.Push(Target(t, f));
            }
            return false;
        }
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => !Waiting(t).Any());
            if (next is null)
            {
                // Stuck: some tables reference each other. Take the first by name whose every waiting key leads
                // back to it (a member of a cycle that waits on nothing outside it; one always exists).
                next = pending.First(t => Waiting(t).All(f => Reaches(Target(t, f), t)));
                if (provider.Capabilities.AlterAddConstraint) cycle.AddRange(Waiting(next).Select(f => (next, f)));
            }
            pending.Remove(next);
            placed.Add(Key(next.Schema, next.Name));
            order.Add(next);
        }
        return (order, cycle);
    }

    /// <summary>
    /// Within one table: keys, then indexes (a foreign key may need one), go before the columns they use are
    /// dropped (MariaDB refuses otherwise); columns are added before the indexes, then keys, that use them.
    /// </summary>
    private static int Phase(SchemaDiff d) => d.Upgrade switch
    {
        DropConstraintOperation => 0,
        DropIndexOperation => 1,
        AddColumnOperation => 2,
        AlterColumnOperation => 3,
        DropColumnOperation => 4,
        CreateIndexOperation => 5,
        _ => 6,
    };

    /// <summary>Enum and domain types: created before the tables, dropped after; an enum that only gained values gets ADD VALUE.</summary>
    private void CompareTypes(DatabaseSchema model, DatabaseSchema database, List<SchemaDiff> diffs, out List<SchemaDiff> drops)
    {
        drops = [];
        foreach (var m in TypeOrder(model.Types).Where(t => Include(t.Name, "type")))
        {
            var live = database.FindType(m.Name, m.Schema);
            if (live is null)
            {
                diffs.Add(new SchemaDiff($"add type {m.Name}", new CreateTypeOperation(m)));
                continue;
            }
            if (live == m) continue;
            if (m is EnumTypeDefinition me && live is EnumTypeDefinition le && IsSubsequence(le.Values, me.Values))
            {
                for (var i = 0; i < me.Values.Count; i++)
                {
                    if (le.Values.Contains(me.Values[i])) continue;
                    // Placed after the value before it (or before the first one), as the model orders them.
                    diffs.Add(new SchemaDiff($"add value '{me.Values[i]}' to enum {m.Name}", new AddEnumValueOperation(m.Name, me.Values[i])
                    {
                        Schema = m.Schema,
                        After = i > 0 ? me.Values[i - 1] : null,
                        Before = i == 0 && me.Values.Count > 1 ? me.Values[1] : null,
                    }));
                }
                continue;
            }
            diffs.Add(new SchemaDiff($"remove type {m.Name} (changed)", new CreateTypeOperation(live).Reverse())
            {
                Note = $"REVIEW: type {m.Name} changed in a way ALTER cannot express; it is dropped and created again, which fails while columns use it.",
            });
            diffs.Add(new SchemaDiff($"add type {m.Name} (changed)", new CreateTypeOperation(m)));
        }
        // Dropped in the reverse order: a domain before the type it is built on (and the Downgrade recreates base first).
        foreach (var live in Enumerable.Reverse(TypeOrder(database.Types)).Where(t => Include(t.Name, "type") && model.FindType(t.Name, t.Schema) is null))
            drops.Add(new SchemaDiff($"remove type {live.Name}", new CreateTypeOperation(live).Reverse()));
    }

    /// <summary>Types with the ones a domain is built on first; otherwise in the given order.</summary>
    private static List<UserDefinedType> TypeOrder(IReadOnlyList<UserDefinedType> types)
    {
        var order = new List<UserDefinedType>();
        var visiting = new HashSet<UserDefinedType>();
        void Visit(UserDefinedType t)
        {
            if (order.Contains(t) || !visiting.Add(t)) return;
            if (t is DomainDefinition { BaseType: { Kind: SqlTypeKind.UserDefined } b }
                && types.FirstOrDefault(x => string.Equals(x.Name, b.TypeName, StringComparison.OrdinalIgnoreCase) && (b.TypeSchema is null || x.Schema == b.TypeSchema)) is { } based)
                Visit(based);
            order.Add(t);
        }
        foreach (var t in types) Visit(t);
        return order;
    }

    /// <summary>Free-standing sequences by name: created before the tables (a default may use them), dropped after.</summary>
    private void CompareSequences(DatabaseSchema model, DatabaseSchema database, List<SchemaDiff> diffs, out List<SchemaDiff> drops)
    {
        static SequenceDefinition? Find(DatabaseSchema s, SequenceDefinition q) =>
            s.Sequences.FirstOrDefault(x => string.Equals(x.Name, q.Name, StringComparison.OrdinalIgnoreCase) && (q.Schema is null || x.Schema is null || x.Schema == q.Schema));
        foreach (var m in model.Sequences.Where(q => Include(q.Name, "sequence") && Find(database, q) is null))
            diffs.Add(new SchemaDiff($"add sequence {m.Name}", new CreateSequenceOperation(m)));
        drops = database.Sequences.Where(q => Include(q.Name, "sequence") && Find(model, q) is null)
            .Select(l => new SchemaDiff($"remove sequence {l.Name}", new CreateSequenceOperation(l).Reverse())).ToList();
    }

    private static bool IsSubsequence(IReadOnlyList<string> part, IReadOnlyList<string> whole)
    {
        var j = 0;
        foreach (var v in whole)
            if (j < part.Count && part[j] == v) j++;
        return j == part.Count;
    }

    private static string FkName(TableSchema t, ForeignKey f) => Naming.Given(f.Name) ?? Naming.ForeignKey(t.Name, f.Columns, f.ReferencedTable);

    private static CreateForeignKeyOperation CreateFk(TableSchema t, ForeignKey f) => new(FkName(t, f), t.Name, f) { Schema = t.Schema };

    private static string UniqueName(TableSchema t, UniqueConstraint u) => Naming.Given(u.Name) ?? Naming.Unique(t.Name, u.Columns);

    /// <summary>CREATE TABLE without the cycle's keys (added separately); removed tables carry their indexes, so that
    /// dropping the table drops them and the Downgrade recreates them.</summary>
    private static CreateTableOperation Create(TableSchema t, List<(TableSchema Table, ForeignKey Fk)> cycle, bool withIndexes = false) => new(t.Name, t.Columns)
    {
        Schema = t.Schema,
        PrimaryKey = t.PrimaryKey,
        ForeignKeys = t.ForeignKeys.Where(f => !cycle.Any(c => ReferenceEquals(c.Table, t) && c.Fk == f)).ToList(),
        UniqueConstraints = t.UniqueConstraints,
        CheckConstraints = t.CheckConstraints,
        Comment = t.Comment,
        ProviderOptions = t.ProviderOptions,
        Indexes = withIndexes ? t.Indexes.Select(i => i.ToTableIndex()).ToList() : [],
    };

    private static CreateIndexOperation CreateIndex(TableSchema t, IndexSchema i) =>
        CreateIndexOperation.From(i.ToTableIndex(), t.Name, t.Schema);

    private void CompareTable(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        var added = model.Columns.Where(c => live.Column(c.Name) is null && Include(c.Name, "column")).ToList();
        var removed = live.Columns.Where(c => model.Column(c.Name) is null && Include(c.Name, "column")).ToList();
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
            if (live.Column(c.Name) is not { } l || !Include(c.Name, "column")) continue;
            var existing = new AlterColumnOperation(table, c.Name) { Schema = model.Schema, ExistingType = l.Type, ExistingNullable = l.Nullable, ExistingServerDefault = l.ServerDefault, ExistingComment = l.Comment, ExistingAutoincrement = l.Autoincrement };
            if (!SameType(model, c, live, l.Name))
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
            if (OtherDifferences(c, l) is { Count: > 0 } what)
                diffs.Add(new SchemaDiff($"modify {string.Join(", ", what)} {table}.{c.Name}",
                    new AlterColumnOperation(table, c.Name) { Schema = model.Schema, Definition = c, ExistingDefinition = l, ExistingType = l.Type, ExistingNullable = l.Nullable }));
        }

        // Some databases (MySQL) keep unique constraints as unique indexes: compare both as indexes there.
        var modelIndexes = model.Indexes.ToList();
        if (provider.Capabilities.UniqueConstraintsAreIndexes)
            modelIndexes.AddRange(model.UniqueConstraints.Select(u => new IndexSchema(UniqueName(model, u), u.Columns) { Unique = true }));
        foreach (var i in modelIndexes.Where(i => Include(i.Name, "index")))
        {
            var l = live.Indexes.FirstOrDefault(x => x.Name == i.Name);
            if (l is not null && SameIndex(i, l)) continue;
            if (l is not null)
                diffs.Add(new SchemaDiff($"remove index {l.Name} on {table} (changed)", CreateIndex(live, l).Reverse()));
            diffs.Add(new SchemaDiff($"add index {i.Name} on {table}", CreateIndex(model, i)));
        }
        foreach (var l in live.Indexes.Where(l => Include(l.Name, "index") && !modelIndexes.Any(i => i.Name == l.Name)))
            diffs.Add(new SchemaDiff($"remove index {l.Name} on {table}", CreateIndex(live, l).Reverse()));

        if (!provider.Capabilities.UniqueConstraintsAreIndexes)
            CompareNamed(table, model.UniqueConstraints, live.UniqueConstraints, u => UniqueName(model, u), "unique", diffs,
                u => new CreateUniqueConstraintOperation(UniqueName(model, u), table, u.Columns) { Schema = model.Schema },
                (m, l) => SameNames(m.Columns, l.Columns));
        CompareNamed(table, model.ForeignKeys, live.ForeignKeys, f => FkName(model, f), "foreign_key", diffs, f => CreateFk(model, f),
            (m, l) => SameForeignKey(m, l, provider.Capabilities.RestrictIsNoAction));
        // Unnamed checks (null, or empty as reflected from SQLite) have nothing to match them by and are not compared.
        CompareNamed(table, model.CheckConstraints.Where(c => Naming.Given(c.Name) is not null).ToList(), live.CheckConstraints.Where(c => Naming.Given(c.Name) is not null).ToList(),
            c => c.Name!, "check", diffs,
            c => new CreateCheckConstraintOperation(c.Name!, table, c.Sql) { Schema = model.Schema },
            // Databases respell check expressions; only the name is compared.
            (_, _) => true);

        if (HasComments && model.Comment != live.Comment)
            diffs.Add(new SchemaDiff($"modify table comment {table}",
                new TableCommentOperation(table, model.Comment) { Schema = model.Schema, ExistingComment = live.Comment }));

        // Only the options the model states for this provider are compared: a model silent about ENGINE accepts any.
        var prefix = provider.Name + ".";
        var wanted = model.ProviderOptions.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var current = wanted.Keys.Where(live.ProviderOptions.ContainsKey).ToDictionary(k => k, k => live.ProviderOptions[k]);
        if (wanted.Count > 0 && !wanted.SameAs(current))
            diffs.Add(new SchemaDiff($"modify table options {table}: {string.Join(", ", wanted.Where(kv => !current.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => kv.Key))}",
                // An option the live table lacks is carried as empty (not set), so that the Downgrade unsets it.
                new SetTableOptionsOperation(table, wanted) { Schema = model.Schema, Existing = wanted.Keys.ToDictionary(k => k, k => current.GetValueOrDefault(k, "")) }));
    }

    /// <summary>
    /// Constraints matched by name: a missing one is created, an extra one dropped (its drop carries it, to be
    /// reversible), and one whose definition changed is dropped and created again.
    /// </summary>
    private void CompareNamed<T>(string table, IReadOnlyList<T> model, IReadOnlyList<T> live, Func<T, string> name, string kind, List<SchemaDiff> diffs,
        Func<T, CreateConstraintOperation> create, Func<T, T, bool> same)
    {
        var label = kind.Replace('_', ' ');
        foreach (var m in model.Where(m => Include(name(m), kind)))
        {
            var l = live.FirstOrDefault(l => name(l) == name(m));
            if (l is not null && same(m, l)) continue;
            if (l is not null) diffs.Add(new SchemaDiff($"remove {label} {name(l)} on {table} (changed)", create(l).Reverse()));
            diffs.Add(new SchemaDiff($"add {label} {name(m)} on {table}", create(m)));
        }
        foreach (var l in live.Where(l => Include(name(l), kind) && !model.Any(m => name(m) == name(l))))
            diffs.Add(new SchemaDiff($"remove {label} {name(l)} on {table}", create(l).Reverse()));
    }

    private static bool SameNames(IEnumerable<string> a, IEnumerable<string> b) => a.SequenceEqual(b, StringComparer.OrdinalIgnoreCase);

    /// <summary>Columns, target and actions; NO ACTION is the default, so null and NoAction are the same.</summary>
    private static bool SameForeignKey(ForeignKey m, ForeignKey l, bool restrictIsNoAction)
    {
        ReferentialAction A(ReferentialAction? a) =>
            a is null || (restrictIsNoAction && a == ReferentialAction.Restrict) ? ReferentialAction.NoAction : a.Value;
        return SameNames(m.Columns, l.Columns) && SameNames(m.ReferencedColumns, l.ReferencedColumns)
        && string.Equals(m.ReferencedTable, l.ReferencedTable, StringComparison.OrdinalIgnoreCase)
        && (m.ReferencedSchema is null || l.ReferencedSchema is null || m.ReferencedSchema == l.ReferencedSchema)
        && A(m.OnDelete) == A(l.OnDelete) && A(m.OnUpdate) == A(l.OnUpdate)
        && m.Deferrable == l.Deferrable && m.InitiallyDeferred == l.InitiallyDeferred
        && (m.Match is null || string.Equals(m.Match, l.Match, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Unique, kind, key parts, INCLUDE, and the method when the model names one.</summary>
    private static bool SameIndex(IndexSchema m, IndexSchema l) =>
        m.Unique == l.Unique && m.Kind == l.Kind
        && (m.Method is null || string.Equals(m.Method, l.Method ?? "", StringComparison.OrdinalIgnoreCase))
        && SameNames(m.Include, l.Include)
        && m.KeyParts.Count == l.KeyParts.Count
        && m.KeyParts.Zip(l.KeyParts).All(p =>
            p.First.IsExpression == p.Second.IsExpression
            && (p.First.IsExpression ? NormalizeDefault(p.First.Text) == NormalizeDefault(p.Second.Text) : string.Equals(p.First.Text, p.Second.Text, StringComparison.OrdinalIgnoreCase))
            && p.First.Descending == p.Second.Descending && p.First.Nulls == p.Second.Nulls && p.First.PrefixLength == p.Second.PrefixLength
            && (p.First.Collation is null || string.Equals(p.First.Collation, p.Second.Collation, StringComparison.OrdinalIgnoreCase))
            && (p.First.OperatorClass is null || string.Equals(p.First.OperatorClass, p.Second.OperatorClass, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// What differs beyond type, nullability, default and comment: the generated expression (always compared), and
    /// the collation, charset, ON UPDATE and key generation when the model states them.
    /// </summary>
    private static List<string> OtherDifferences(Column m, Column l)
    {
        var what = new List<string>();
        if ((m.Computed is null) != (l.Computed is null)
            || (m.Computed is { } mc && l.Computed is { } lc && (mc.Stored != lc.Stored || NormalizeDefault(mc.Sql) != NormalizeDefault(lc.Sql))))
            what.Add("generated expression");
        if (m.Collation is not null && !string.Equals(m.Collation, l.Collation, StringComparison.OrdinalIgnoreCase)) what.Add("collation");
        if (m.Charset is not null && !string.Equals(m.Charset, l.Charset, StringComparison.OrdinalIgnoreCase)) what.Add("charset");
        if (m.OnUpdate is not null && NormalizeDefault(m.OnUpdate) != NormalizeDefault(l.OnUpdate)) what.Add("on update");
        if (m.Identity is not null && m.Identity != l.Identity) what.Add("key generation");
        return what;
    }

    private bool HasComments => provider.Capabilities.Comments;

    private bool SameType(TableSchema modelTable, Column model, TableSchema live, string column) =>
        provider.Types.SameType(model.Type, SafeTypeSql(model.Type), RawType(live, live.Column(column)!), modelTable, model.Name);

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
