using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// Check constraints by meaning: a named one is matched by name and compared by its expression (as the provider
    /// normalises both); an unnamed one is matched by expression to any live check not matched by name. A check that
    /// changed is dropped and added again; a new unnamed one gets the naming convention's name (as CREATE TABLE gives it).
    /// </summary>
    private void CompareChecks(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        // The check a non-native enum column carries (ck_table_column) belongs to the column, not to the model's checks.
        var left = live.CheckConstraints.Where(l => !model.Columns.Any(c => c.Type.Kind == SqlTypeKind.Enum && l.Name == Naming.Check(table, c.Name))).ToList();
        var matched = new Dictionary<CheckConstraint, CheckConstraint>(ReferenceEqualityComparer.Instance);
        foreach (var m in model.CheckConstraints.Where(m => Naming.Given(m.Name) is not null))
            if (left.FirstOrDefault(l => string.Equals(l.Name, m.Name, StringComparison.OrdinalIgnoreCase)) is { } l)
            {
                matched[m] = l;
                left.Remove(l);
            }
        foreach (var m in model.CheckConstraints.Where(m => Naming.Given(m.Name) is null))
            if (left.FirstOrDefault(l => SameExpression(m.Sql, l.Sql)) is { } l)
            {
                matched[m] = l;
                left.Remove(l);
            }

        // Names a new check must not take: those of the live checks that stay (the others are dropped first).
        var taken = matched.Values.Select(l => l.Name ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var m in model.CheckConstraints)
        {
            position++;
            if (matched.TryGetValue(m, out var l))
            {
                if (!Include(m, Naming.Given(m.Name) ?? l.Name ?? "", "check", false, l)) continue;
                if (SameExpression(m.Sql, l.Sql))
                {
                    CompareValidation(model, "check", m.NotValid, l.NotValid, CreateCheck(table, model.Schema, l) with { NotValid = true }, diffs);
                    continue;
                }
                diffs.Add(new SchemaDiff($"remove check {CheckLabel(l)} on {table} (changed)", CreateCheck(table, model.Schema, l).Reverse()));
                left.Remove(l);
                taken.Remove(l.Name ?? "");
            }
            var name = Naming.Given(m.Name) ?? FreeCheckName(table, position, m.Column, model.Schema, taken);
            taken.Add(name);
            if (Include(m, name, "check", false, null))
                diffs.Add(new SchemaDiff($"add check {name} on {table}", CreateCheck(table, model.Schema, m with { Name = name })));
        }
        foreach (var l in left.Where(l => Include(l, l.Name ?? "", "check", true, null)))
            diffs.Add(new SchemaDiff($"remove check {CheckLabel(l)} on {table}", CreateCheck(table, model.Schema, l).Reverse()));
    }

    /// <summary>The convention's name for the check at this position, or the next one free on the table.</summary>
    private string FreeCheckName(string table, int position, string? column, string? schema, HashSet<string> taken)
    {
        var n = position;
        while (taken.Contains(naming.CheckName(table, n, column, schema: schema)) && naming.Ck is null) n++;
        return naming.CheckName(table, n, column, schema: schema);
    }

    private static string CheckLabel(CheckConstraint c) => Naming.Given(c.Name) ?? $"CHECK ({c.Sql})";

    private static CreateCheckConstraintOperation CreateCheck(string table, string? schema, CheckConstraint c) =>
        new(c.Name ?? "", table, c.Sql) { Schema = schema };

    /// <summary>
    /// The primary key's columns in order (the name only where the model gives one): a changed key is dropped and
    /// added again; a key the model lacks is dropped, one the table lacks added.
    /// </summary>
    private void ComparePrimaryKey(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        var (m, l) = (model.PrimaryKey, live.PrimaryKey);
        if (m is null && l is null) return;
        if (m is not null && l is not null && SameNames(m.Columns, l.Columns)
            && (Naming.Given(m.Name) is null || string.Equals(m.Name, l.Name, StringComparison.OrdinalIgnoreCase))) return;
        if (l is not null)
        {
            var liveName = l.Name ?? "";
            diffs.Add(new SchemaDiff($"remove primary key {liveName} on {table}" + (m is null ? "" : " (changed)"),
                new CreatePrimaryKeyOperation(liveName, table, l.Columns) { Schema = model.Schema }.Reverse()));
        }
        if (m is not null)
        {
            // An empty name is a key written unnamed (as SQLite keeps one): the new key stays unnamed too.
            var name = m.Name == "" ? "" : Naming.Given(m.Name) ?? naming.PrimaryKeyName(table, m.Columns, schema: model.Schema);
            diffs.Add(new SchemaDiff($"add primary key {name} on {table}", new CreatePrimaryKeyOperation(name, table, m.Columns) { Schema = model.Schema }));
        }
    }
}
