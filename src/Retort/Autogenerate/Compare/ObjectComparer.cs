using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>
/// Views, routines, triggers and extensions: matched by kind, schema and name (a routine by its signature too; a
/// trigger by its table), compared by definition in the form the database prints it (the reflector puts the
/// model's side in that form first, <see cref="Dialects.SchemaReflector.ServerFormAsync"/>). The diffs come in
/// groups that <see cref="SchemaComparer"/> places around the table changes so that the result runs: drops of
/// triggers and views before anything a view reads changes, extensions before types, routines before tables (a
/// default or check may call one) unless they read tables, views after tables in dependency order, triggers last.
/// </summary>
/// <param name="include">Whether autogenerate looks at an object (name, kind), as env.cs says.</param>
/// <param name="sameIndex">The table comparer's index comparison, used for a materialized view's indexes too.</param>
public sealed partial class ObjectComparer(Func<string, string, bool> include, Func<IndexSchema, IndexSchema, bool> sameIndex)
{
    /// <summary>The diffs in the order groups: run first, before tables, after tables, last.</summary>
    public sealed record Groups(List<SchemaDiff> First, List<SchemaDiff> BeforeTables, List<SchemaDiff> AfterTables, List<SchemaDiff> Last);

    public Groups Compare(DatabaseSchema model, DatabaseSchema database)
    {
        var groups = new Groups([], [], [], []);
        var modelObjects = model.Objects.Where(Included).ToList();
        var liveObjects = database.Objects.Where(Included).ToList();
        var liveByKey = liveObjects.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var modelKeys = modelObjects.Select(Key).ToHashSet();
        var tableNames = model.Tables.Concat(database.Tables).Select(t => t.Name.ToLowerInvariant()).ToHashSet();
        var viewNames = model.Views.Concat(database.Views).Select(v => v.Name.ToLowerInvariant()).ToHashSet();

        // Removed: triggers, then views (dependents first), before anything else; routines after the tables that
        // may use them are gone; extensions last.
        var removed = liveObjects.Where(o => !modelKeys.Contains(Key(o))).ToList();
        // Last created first: the Downgrade (this reversed) creates them again in the order they fire.
        foreach (var t in Enumerable.Reverse(removed.OfType<TriggerDefinition>().ToList()))
            groups.First.Add(new SchemaDiff($"remove trigger {t.Name} on {t.Table}", new CreateTriggerOperation(t).Reverse()));
        foreach (var v in Enumerable.Reverse(ObjectOrder.ByDependency(removed.OfType<ViewDefinition>().ToList())))
            groups.First.Add(new SchemaDiff($"remove {v.KindName} {v.Name}", new CreateViewOperation(v).Reverse()));
        // A routine that reads a table (returns its row type) goes before the table; the others after it (a
        // default or check may call one). Dependents first: an aggregate before its state function.
        foreach (var r in Enumerable.Reverse(ObjectOrder.ByDependency(removed.OfType<RoutineDefinition>().ToList())))
            (ReadsAny(r, tableNames, viewNames) ? groups.First : groups.Last)
                .Add(new SchemaDiff($"remove {r.KindName} {Display(r)}", new CreateRoutineOperation(r).Reverse()));
        // After the views that may read them; dropping one drops its shadow tables.
        foreach (var v in removed.OfType<VirtualTableDefinition>())
            groups.First.Add(new SchemaDiff($"remove virtual table {v.Name}", new CreateVirtualTableOperation(v).Reverse()));
        foreach (var e in removed.OfType<ExtensionDefinition>())
            groups.Last.Add(new SchemaDiff($"remove extension {e.Name}", new CreateExtensionOperation(e).Reverse()));

        foreach (var e in model.Extensions.Where(Included))
        {
            if (!liveByKey.TryGetValue(Key(e), out var live))
                groups.First.Add(new SchemaDiff($"add extension {e.Name}", new CreateExtensionOperation(e)));
            else if (e.Version is not null && e.Version != ((ExtensionDefinition)live).Version)
                groups.First.Add(new SchemaDiff($"modify extension {e.Name}: version {((ExtensionDefinition)live).Version} -> {e.Version}",
                    new DropExtensionOperation(e.Name) { Existing = (ExtensionDefinition)live })
                {
                    Note = "REVIEW: the extension is dropped and created at the new version (ALTER EXTENSION … UPDATE keeps its objects: write that by hand where it applies).",
                });
        }

        foreach (var r in ObjectOrder.ByDependency(model.Routines.Where(Included).ToList()))
        {
            var target = ReadsAny(r, tableNames, viewNames) ? groups.AfterTables : groups.BeforeTables;
            if (!liveByKey.TryGetValue(Key(r), out var live))
                target.Add(new SchemaDiff($"add {r.KindName} {Display(r)}", new CreateRoutineOperation(r)));
            else if (!SameDefinition(r.Definition, ((RoutineDefinition)live).Definition) || r.Comment != live.Comment || !SameOptions(r.Options, ((RoutineDefinition)live).Options))
                target.Add(new SchemaDiff($"modify {r.KindName} {Display(r)}", new ReplaceRoutineOperation(r, (RoutineDefinition)live)));
        }

        // Before the views that may read them. A changed statement is a drop and a create: no ALTER changes a module's arguments.
        foreach (var v in model.VirtualTables.Where(Included))
        {
            if (!liveByKey.TryGetValue(Key(v), out var live))
                groups.AfterTables.Add(new SchemaDiff($"add virtual table {v.Name}", new CreateVirtualTableOperation(v)));
            else if (!SameDefinition(v.Definition, ((VirtualTableDefinition)live).Definition))
            {
                groups.First.Add(new SchemaDiff($"modify virtual table {v.Name}", new CreateVirtualTableOperation((VirtualTableDefinition)live).Reverse()));
                groups.AfterTables.Add(new SchemaDiff($"modify virtual table {v.Name} (created again)", new CreateVirtualTableOperation(v)));
            }
        }

        foreach (var v in ObjectOrder.ByDependency(model.Views.Where(Included).ToList()))
        {
            if (!liveByKey.TryGetValue(Key(v), out var live))
                groups.AfterTables.Add(new SchemaDiff($"add {v.KindName} {v.Name}", new CreateViewOperation(v)));
            else if (!SameView(v, (ViewDefinition)live))
                groups.AfterTables.Add(new SchemaDiff($"modify {v.KindName} {v.Name}", new ReplaceViewOperation(v, (ViewDefinition)live)));
        }

        // Before the removed routines, in the model's order: triggers on one table and event fire in the order created.
        var triggers = new List<SchemaDiff>();
        foreach (var t in model.Triggers.Where(Included))
        {
            if (!liveByKey.TryGetValue(Key(t), out var live))
                triggers.Add(new SchemaDiff($"add trigger {t.Name} on {t.Table}", new CreateTriggerOperation(t)));
            else if (!SameDefinition(t.Definition, ((TriggerDefinition)live).Definition) || t.Comment != live.Comment || !SameOptions(t.Options, ((TriggerDefinition)live).Options))
                triggers.Add(new SchemaDiff($"modify trigger {t.Name} on {t.Table}", new ReplaceTriggerOperation(t, (TriggerDefinition)live)));
        }
        groups.Last.InsertRange(0, triggers);
        return groups;
    }

    private bool Included(SchemaObject o) => include(o.Name, o.KindName);

    private static string Display(RoutineDefinition r) => r.Signature == "" && r.Kind is RoutineKind.Event ? r.Name : $"{r.Name}({r.Signature})";

    /// <summary>Identity: views and materialized views share names (one relation namespace), routines add their signature.</summary>
    private static string Key(SchemaObject o) => o switch
    {
        ViewDefinition v => $"view|{v.Schema}|{v.Name.ToLowerInvariant()}",
        RoutineDefinition r => $"routine|{r.Kind}|{r.Schema}|{r.Name.ToLowerInvariant()}|{Squeeze(r.Signature).ToLowerInvariant()}",
        TriggerDefinition t => $"trigger|{t.Schema}|{t.Table.ToLowerInvariant()}|{t.Name.ToLowerInvariant()}",
        _ => $"{o.KindName}|{o.Name.ToLowerInvariant()}",
    };

    private bool SameView(ViewDefinition m, ViewDefinition live) =>
        m.Materialized == live.Materialized && SameDefinition(m.Query, live.Query) && m.Comment == live.Comment
        && (m.Columns.Count == 0 || m.Columns.SequenceEqual(live.Columns, StringComparer.OrdinalIgnoreCase))
        && SameOptions(m.Options, live.Options)
        && SameIndexes(m.Indexes, live.Indexes);

    /// <summary>The options the model states, as the database has them (an option the model leaves out is not compared).</summary>
    private static bool SameOptions(IReadOnlyDictionary<string, string> model, IReadOnlyDictionary<string, string> live) =>
        model.All(kv => live.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>By name, each pair as table indexes are compared.</summary>
    private bool SameIndexes(IReadOnlyList<TableIndex> a, IReadOnlyList<TableIndex> b) =>
        a.Count == b.Count && a.All(x => b.FirstOrDefault(y => string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase)) is { } y
                                         && sameIndex(IndexSchema.From(x), IndexSchema.From(y)));

    /// <summary>
    /// Definitions are in the database's printed form on both sides already; what is left to forgive is layout the
    /// server keeps verbatim: line endings, trailing blanks and semicolons.
    /// </summary>
    public static bool SameDefinition(string a, string b) => Trimmed(a) == Trimmed(b);

    private static string Trimmed(string s) =>
        string.Join("\n", s.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim().TrimEnd(';').TrimEnd();

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static bool ReadsAny(SchemaObject o, HashSet<string> tables, HashSet<string> views) =>
        o.DependsOn.Any(d => ObjectOrder.Unqualified(d) is var n && (tables.Contains(n) || views.Contains(n)));
}
