using Retort.Dialects;
using Retort.Ops;

namespace Retort.Autogenerate;

/// <summary>
/// <c>safe_ddl = true</c>: autogenerate writes the lock-friendly forms for tables that exist already, on databases
/// with a lock queue (PostgreSQL): indexes and unique constraints built CONCURRENTLY, foreign keys and checks added
/// NOT VALID with a note to validate them in a later revision (validating in the same transaction would scan under
/// the adding lock). Operations on tables created in the same revision stay plain.
/// </summary>
public static class SafeDdlForms
{
    public static IReadOnlyList<SchemaDiff> Apply(IReadOnlyList<SchemaDiff> diffs, DatabaseProvider provider)
    {
        if (provider.Capabilities.DdlLocks != DdlLockModel.LockQueue) return diffs;
        var created = diffs.Select(d => d.Upgrade).OfType<CreateTableOperation>().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return diffs.Select(d => d.Upgrade is TableOperation t && !created.Contains(t.Table) ? Safe(d) : d).ToList();
    }

    private static SchemaDiff Safe(SchemaDiff diff) => diff.Upgrade switch
    {
        CreateIndexOperation o => diff with { Upgrade = o with { Concurrently = true } },
        CreateUniqueConstraintOperation o => diff with { Upgrade = o with { Concurrently = true } },
        CreateForeignKeyOperation o => Validate(diff with { Upgrade = o with { ForeignKey = o.ForeignKey with { NotValid = true } } }, o),
        CreateCheckConstraintOperation o => Validate(diff with { Upgrade = o with { NotValid = true } }, o),
        _ => diff,
    };

    private static SchemaDiff Validate(SchemaDiff diff, CreateConstraintOperation o) =>
        diff with
        {
            Note = (diff.Note is null ? "" : diff.Note + " ")
                   + $"Added NOT VALID (safe_ddl): in a later revision, run on its own, op.ValidateConstraint(\"{o.Table}\", \"{o.Name}\"{(o.Schema is null ? "" : $", schema: \"{o.Schema}\"")});",
        };
}
