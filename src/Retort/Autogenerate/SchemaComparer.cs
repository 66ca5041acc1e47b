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
public sealed partial class SchemaComparer(DatabaseProvider provider, Func<string, string, bool>? includeName = null,
    NamingConvention? naming = null, IncludeObjectFilter? includeObject = null)
{
    private readonly SqlDialect dialect = provider.Dialect;

    /// <summary>Names what either side leaves unnamed (SQLite keeps unnamed constraints unnamed), as the revision that
    /// created it did.</summary>
    private readonly NamingConvention naming = (naming ?? NamingConvention.Default).Limited(provider.Capabilities.MaxNameLength);

    private bool Include(string name, string kind) => includeName?.Invoke(name, kind) ?? true;

    /// <summary>By name, then by the object itself: the model's (or the database's when only it has one, then
    /// <paramref name="reflected"/>), with the object on the other side, if any.</summary>
    private bool Include(object obj, string name, string kind, bool reflected, object? compareTo) =>
        Include(name, kind) && (includeObject?.Invoke(obj, name, kind, reflected, compareTo) ?? true);

    /// <summary>
    /// The differences, in an order that can run: new schemas; new types; new tables by foreign-key dependency (referenced
    /// first, ties by name), with the foreign keys of a cycle added after them where the database can; changes to
    /// existing tables; seed rows (inserted, updated, deleted by key); removed tables in the reverse order (a cycle's keys dropped first); removed types.
    /// </summary>
    public IReadOnlyList<SchemaDiff> Compare(DatabaseSchema model, DatabaseSchema database)
    {
        var diffs = new List<SchemaDiff>();
        CompareSchemas(model, database, diffs);
        var objects = new ObjectComparer(Include, SameIndex).Compare(model, database);
        diffs.AddRange(objects.First);
        var afterFirst = diffs.Count;
        CompareTypes(model, database, diffs, out var dropTypes);
        CompareSequences(model, database, diffs, out var dropSequences);

        diffs.AddRange(objects.BeforeTables);
        var added = model.Tables.Where(t => database.Find(t.Name, t.Schema) is null && Include(t, t.Name, "table", false, null)).ToList();
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

        var tableChanges = new List<SchemaDiff>();
        foreach (var table in model.Tables)
        {
            if (database.Find(table.Name, table.Schema) is not { } live || !Include(table, table.Name, "table", false, live)) continue;
            var changes = new List<SchemaDiff>();
            if (!ComparePartitionKey(table, live, database, changes)) CompareTable(table, live, changes);
            tableChanges.AddRange(changes.OrderBy(Phase)); // stable: same-phase changes keep their order
        }
        diffs.AddRange(tableChanges);
        var (viewDrops, viewCreates) = ObjectComparer.AroundColumnChanges(tableChanges, model, database, objects);
        diffs.InsertRange(afterFirst, viewDrops);

        CompareData(model, database, diffs);

        var removed = database.Tables.Where(t => model.Find(t.Name, t.Schema) is null && Include(t, t.Name, "table", true, null)).ToList();
        var (removeOrder, removeCycle) = DependencyOrder(removed);
        foreach (var (t, fk) in removeCycle)
            diffs.Add(new SchemaDiff($"remove foreign key {FkName(t, fk)} on {t.Name} (before the tables: a foreign-key cycle)", CreateFk(t, fk).Reverse()));
        foreach (var t in Enumerable.Reverse(removeOrder))
            diffs.Add(new SchemaDiff($"remove table {t.Name}", Create(t, removeCycle, withIndexes: true).Reverse()));

        // The views created again go before the other views' changes (which may read them), after new routines.
        var firstView = objects.AfterTables.FindIndex(d => d.Upgrade is CreateViewOperation or ReplaceViewOperation);
        objects.AfterTables.InsertRange(firstView < 0 ? objects.AfterTables.Count : firstView, viewCreates);
        diffs.AddRange(objects.AfterTables);
        diffs.AddRange(objects.Last);
        diffs.AddRange(dropTypes);
        diffs.AddRange(dropSequences);
        return diffs;
    }

    /// <summary>
    /// Within one table: keys, then indexes (a foreign key may need one), go before the columns they use are
    /// dropped (MariaDB refuses otherwise); columns are added before the indexes, then keys, that use them.
    /// Reversed, the same order runs backwards, so the Downgrade keeps these rules too.
    /// </summary>
    private static int Phase(SchemaDiff d) => d.Upgrade switch
    {
        // MySQL's AUTO_INCREMENT column must be a key: it loses AUTO_INCREMENT before its key is dropped, and gains
        // it after its new key is added.
        AlterColumnOperation { Definition.Autoincrement: false, ExistingDefinition.Autoincrement: true } => -1,
        AlterColumnOperation { Definition.Autoincrement: true, ExistingDefinition.Autoincrement: false } => 7,
        DropConstraintOperation => 0,
        DropIndexOperation => 1,
        AddColumnOperation => 2,
        AlterColumnOperation => 3,
        DropColumnOperation => 4,
        CreateIndexOperation => 5,
        _ => 6,
    };

    private string FkName(TableSchema t, ForeignKey f) =>
        Naming.Given(f.Name) ?? naming.ForeignKeyName(t.Name, f.Columns, f.ReferencedTable, f.ReferencedColumns, schema: t.Schema);

    private CreateForeignKeyOperation CreateFk(TableSchema t, ForeignKey f) => new(FkName(t, f), t.Name, f) { Schema = t.Schema };

    private string UniqueName(TableSchema t, UniqueConstraint u) => Naming.Given(u.Name) ?? naming.UniqueName(t.Name, u.Columns, schema: t.Schema);

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
        PartitionBy = t.PartitionBy,
        PartitionOf = t.PartitionOf,
        Partitions = t.Partitions,
        Indexes = withIndexes ? t.Indexes.Select(i => i.ToTableIndex()).ToList() : [],
    };

    private static CreateIndexOperation CreateIndex(TableSchema t, IndexSchema i) =>
        CreateIndexOperation.From(i.ToTableIndex(), t.Name, t.Schema);

    private void CompareTable(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        CompareColumns(model, live, diffs);
        CompareIndexes(model, live, diffs);
        CompareConstraints(model, live, diffs);
        CompareTableOptions(model, live, diffs);
        ComparePartition(model, live, diffs);
        ComparePartitionList(model, live, diffs);
    }
}
