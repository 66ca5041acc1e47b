using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>Unique, foreign-key and check constraints, and the primary key.</summary>
    private void CompareConstraints(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        if (!provider.Capabilities.UniqueConstraintsAreIndexes)
            CompareNamed(table, model.UniqueConstraints, live.UniqueConstraints, u => UniqueName(model, u), "unique", diffs,
                u => new CreateUniqueConstraintOperation(UniqueName(model, u), table, u.Columns) { Schema = model.Schema },
                (m, l) => SameNames(m.Columns, l.Columns));
        CompareNamed(table, model.ForeignKeys, live.ForeignKeys, f => FkName(model, f), "foreign_key", diffs, f => CreateFk(model, f),
            (m, l) => SameForeignKey(m, l, provider.Capabilities.RestrictIsNoAction));
        foreach (var m in model.ForeignKeys)
            if (live.ForeignKeys.FirstOrDefault(l => FkName(model, l) == FkName(model, m)) is { } l && Include(m, FkName(model, m), "foreign_key", false, l)
                && SameForeignKey(m, l, provider.Capabilities.RestrictIsNoAction))
                CompareValidation(model, "foreign key", m.NotValid, l.NotValid, CreateFk(model, m with { NotValid = true }), diffs);
        CompareChecks(model, live, diffs);
        ComparePrimaryKey(model, live, diffs);
    }

    /// <summary>
    /// A constraint the same in all but whether the existing rows were checked (where the catalog keeps NOT VALID):
    /// validated when the model says valid, dropped and added again NOT VALID when the model says so.
    /// </summary>
    private void CompareValidation(TableSchema model, string label, bool modelNotValid, bool liveNotValid, CreateConstraintOperation unvalidated, List<SchemaDiff> diffs)
    {
        if (!provider.Capabilities.NotValidConstraints || modelNotValid == liveNotValid) return;
        diffs.Add(modelNotValid
            ? new SchemaDiff($"make {label} {unvalidated.Name} on {model.Name} NOT VALID (dropped and added again)", new UnvalidateConstraintOperation(unvalidated) { Schema = model.Schema })
            : new SchemaDiff($"validate {label} {unvalidated.Name} on {model.Name}", new ValidateConstraintOperation(model.Name, unvalidated.Name) { Schema = model.Schema, Existing = unvalidated }));
    }

    /// <summary>
    /// Constraints matched by name: a missing one is created, an extra one dropped (its drop carries it, to be
    /// reversible), and one whose definition changed is dropped and created again.
    /// </summary>
    private void CompareNamed<T>(string table, IReadOnlyList<T> model, IReadOnlyList<T> live, Func<T, string> name, string kind, List<SchemaDiff> diffs,
        Func<T, CreateConstraintOperation> create, Func<T, T, bool> same) where T : notnull
    {
        var label = kind.Replace('_', ' ');
        foreach (var m in model)
        {
            var l = live.FirstOrDefault(l => name(l) == name(m));
            if (!Include(m, name(m), kind, false, l)) continue;
            if (l is not null && same(m, l)) continue;
            if (l is not null) diffs.Add(new SchemaDiff($"remove {label} {name(l)} on {table} (changed)", create(l).Reverse()));
            diffs.Add(new SchemaDiff($"add {label} {name(m)} on {table}", create(m)));
        }
        foreach (var l in live.Where(l => !model.Any(m => name(m) == name(l)) && Include(l, name(l), kind, true, null)))
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
}
