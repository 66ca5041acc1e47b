namespace Retort.Tests.Autogenerate.ModelChanges;

/// <summary>
/// Issue 25's suite through entity classes (EntitiesA → EntitiesB): what attributes can express, on each database,
/// with the same steps and bar as <see cref="ModelChangeTests"/>.
/// </summary>
public abstract class EntityModelChangeTests(string database)
{
    private static readonly (string Table, string[] Expected, string Databases)[] Cases =
    [
        ("x_columns", ["add column x_columns.added", "remove column x_columns.dropped", "modify type x_columns.widened", "modify type x_columns.name",
            "modify type x_columns.price", "modify nullable x_columns.required", "modify default x_columns.defaulted"], ModelChange.All),
        ("x_columns", ["modify comment x_columns.commented"], "postgresql mysql"),
        // A new NOT NULL column of an existing table is filled with its type's zero value first.
        ("x_columns", ["fill x_columns.added with 0, then drop that default"], ModelChange.All),
        ("x_identity", ["modify key generation x_identity.id"], ModelChange.All),
        ("x_indexes", ["remove index ix_x_unique on x_indexes (changed)", "add index ix_x_unique on x_indexes",
            "remove index ix_x_columns on x_indexes (changed)", "add index ix_x_columns on x_indexes",
            "remove index ix_x_order on x_indexes (changed)", "add index ix_x_order on x_indexes"], ModelChange.All),
        ("x_partial", ["remove index ix_x_where on x_partial (changed)", "add index ix_x_where on x_partial"], "sqlite postgresql"),
        ("x_parent", [], ModelChange.All),
        ("x_constraints", ["remove unique uq_x_constraints_a on x_constraints", "add unique uq_x_constraints_a_b on x_constraints"], "sqlite postgresql"),
        ("x_constraints", ["remove index uq_x_constraints_a on x_constraints", "add index uq_x_constraints_a_b on x_constraints"], "mysql"),
        ("x_constraints", ["remove check ck_x_positive on x_constraints (changed)", "add check ck_x_positive on x_constraints",
            "remove foreign key fk_x_constraints_parent_id_x_parent on x_constraints (changed)", "add foreign key fk_x_constraints_parent_id_x_parent on x_constraints"], ModelChange.All),
        // A single int key is generated (autoincrement); a composite one is not.
        ("x_keys", ["remove primary key … on x_keys (changed)", "add primary key pk_x_keys on x_keys", "modify key generation x_keys.a"], ModelChange.All),
        ("x_comment", ["modify table comment x_comment"], "postgresql mysql"),
        ("x_same", [], ModelChange.All),
    ];

    [Fact]
    public async Task Every_entity_class_change_is_detected_exactly_and_converges()
    {
        var cases = Cases.Where(c => c.Databases.Split(' ').Contains(database)).ToList();
        var tables = cases.Select(c => c.Table).ToHashSet();
        Type[] Model(string ns) => typeof(EntityModelChangeTests).Assembly.GetTypes()
            .Where(t => (t.Namespace == typeof(EntityModelChangeTests).Namespace + "." + ns || t.Namespace == typeof(EntityModelChangeTests).Namespace + ".EntitiesShared")
                        && t.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.Schema.TableAttribute), false) is [System.ComponentModel.DataAnnotations.Schema.TableAttribute a]
                        && tables.Contains(a.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        await using var run = await ModelChangeRun.StartAsync(database);
        await run.RunAsync(Model("EntitiesA"), Model("EntitiesB"), cases.Select(c => (c.Table, c.Expected)).ToList());
        run.AssertNoProblems();
    }
}

public sealed class EntityModelChangeSqliteTests() : EntityModelChangeTests("sqlite");

public sealed class EntityModelChangePostgresTests() : EntityModelChangeTests("postgresql");

public sealed class EntityModelChangeMariaDbTests() : EntityModelChangeTests("mysql");
