using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
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
}
