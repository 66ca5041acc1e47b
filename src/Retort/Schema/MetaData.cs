using Retort.Ops;

namespace Retort.Schema;

/// <summary>
/// The target model declared in code, SQLAlchemy's MetaData for Retort:
/// <c>new MetaData().Table("users", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new TableIndex("ix_users_name", "name"))</c>.
/// </summary>
public sealed class MetaData
{
    private readonly List<(string Name, ITableElement[] Elements)> _tables = [];

    public MetaData() { }

    /// <summary>A model whose unnamed constraints and indexes are named by <paramref name="namingConvention"/>
    /// (SQLAlchemy's <c>MetaData(naming_convention=…)</c>); revisions run with this model as env.cs's target use it too.</summary>
    public MetaData(NamingConvention namingConvention) => NamingConvention = namingConvention;

    /// <summary>This model's naming convention; null: the configuration's (retort.toml [naming_convention]).</summary>
    public NamingConvention? NamingConvention { get; set; }

    /// <summary>The tables, named by this model's convention (or Retort's own names).</summary>
    public IReadOnlyList<TableSchema> Tables => _tables.Select(t => Build(t.Name, t.Elements, NamingConvention ?? NamingConvention.Default)).ToList();

    public MetaData Table(string name, params ITableElement[] elements)
    {
        _tables.Add((name, elements));
        return this;
    }

    /// <summary>
    /// A table as SQLAlchemy's MetaData names it: an unnamed constraint of a kind the convention has a template for
    /// gets the template's name, and so does a named one whose template is written around <c>{constraint_name}</c>.
    /// The primary key keeps no name of its own here (MariaDB/MySQL call every key PRIMARY): the revision that
    /// creates the table names it.
    /// </summary>
    private static TableSchema Build(string name, ITableElement[] elements, NamingConvention naming)
    {
        var options = elements.OfType<TableOptions>().LastOrDefault();
        var schema = options?.Schema;
        var columns = elements.OfType<Column>().ToList();
        var pk = elements.OfType<PrimaryKey>().LastOrDefault()
                 ?? (columns.Any(c => c.PrimaryKey) ? new PrimaryKey(columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray()) : null);
        if (pk is { Name: { Length: > 0 } pkName } && naming.Converts("pk")) pk = pk with { Name = naming.PrimaryKeyName(name, pk.Columns, pkName, schema) };
        string? Named(string key, string? declared, Func<string?, string> convention) =>
            declared == "" || naming.Template(key) is null || (declared is not null && !naming.Converts(key)) ? declared : convention(declared);
        var position = 0;
        return new TableSchema(name)
        {
            Schema = schema,
            Comment = options?.Comment,
            Columns = columns,
            PrimaryKey = pk,
            Indexes = elements.OfType<TableIndex>()
                .Select(i => IndexSchema.From(i with { Name = Named("ix", i.Name, d => naming.IndexName(name, i.Columns, d, schema)) }, name, naming, schema)).ToList(),
            ProviderOptions = options?.ProviderOptions ?? TableOptionBag.Empty,
            PartitionBy = options?.PartitionBy,
            PartitionOf = options?.PartitionOf,
            Partitions = options?.Partitions ?? [],
            UniqueConstraints = elements.OfType<UniqueConstraint>()
                .Select(u => u with { Name = Named("uq", u.Name, d => naming.UniqueName(name, u.Columns, d, schema)) }).ToList(),
            ForeignKeys = elements.OfType<ForeignKey>()
                .Select(f => f with { Name = Named("fk", f.Name, d => naming.ForeignKeyName(name, f.Columns, f.ReferencedTable, f.ReferencedColumns, d, schema)) }).ToList(),
            CheckConstraints = elements.OfType<CheckConstraint>()
                .Select(c => (Check: c, Position: ++position))
                .Select(c => c.Check with { Name = Named("ck", c.Check.Name, d => naming.CheckName(name, c.Position, c.Check.Column, d, schema)) }).ToList(),
        };
    }

    private readonly List<UserDefinedType> _types = [];

    /// <summary>An enum type (PostgreSQL), used by columns as <c>SqlType.Named(name)</c>.</summary>
    public MetaData EnumType(string name, params string[] values)
    {
        _types.Add(new EnumTypeDefinition(name, values));
        return this;
    }

    /// <summary>An enum or domain type.</summary>
    private readonly List<SequenceDefinition> _sequences = [];

    public MetaData Type(UserDefinedType type)
    {
        _types.Add(type);
        return this;
    }

    /// <summary>A free-standing sequence (PostgreSQL), e.g. one a column default's nextval() uses.</summary>
    public MetaData Sequence(SequenceDefinition sequence)
    {
        _sequences.Add(sequence);
        return this;
    }

    private readonly List<SchemaObject> _objects = [];

    /// <summary>A view: <c>.View(new ViewDefinition("active_users", "SELECT id, name FROM users WHERE active"))</c>.</summary>
    public MetaData View(ViewDefinition view) => Object(view);

    /// <summary>A function, procedure, aggregate or event, from its whole CREATE statement.</summary>
    public MetaData Routine(RoutineDefinition routine) => Object(routine);

    public MetaData Trigger(TriggerDefinition trigger) => Object(trigger);

    public MetaData Extension(ExtensionDefinition extension) => Object(extension);

    /// <summary>A virtual table (SQLite FTS, R*Tree …) from its whole CREATE VIRTUAL TABLE statement.</summary>
    public MetaData VirtualTable(VirtualTableDefinition table) => Object(table);

    /// <summary>Any view, routine, trigger or extension.</summary>
    public MetaData Object(SchemaObject schemaObject)
    {
        _objects.Add(schemaObject);
        return this;
    }

    /// <summary>The model as a schema; <paramref name="naming"/> names what this model's own convention (if any) does
    /// not, limited to the database's name length.</summary>
    public DatabaseSchema ToSchema(NamingConvention? naming = null) => new(_tables.Select(t => Build(t.Name, t.Elements, naming ?? NamingConvention ?? NamingConvention.Default)).ToList())
    {
        Types = _types.ToList(),
        Sequences = _sequences.ToList(),
        Views = _objects.OfType<ViewDefinition>().ToList(),
        Routines = _objects.OfType<RoutineDefinition>().ToList(),
        Triggers = _objects.OfType<TriggerDefinition>().ToList(),
        Extensions = _objects.OfType<ExtensionDefinition>().ToList(),
        VirtualTables = _objects.OfType<VirtualTableDefinition>().ToList(),
    };
}
