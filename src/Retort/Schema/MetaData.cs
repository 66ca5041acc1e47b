using Retort.Ops;

namespace Retort.Schema;

/// <summary>
/// The target model declared in code, SQLAlchemy's MetaData for Retort:
/// <c>new MetaData().Table("users", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new TableIndex("ix_users_name", "name"))</c>.
/// </summary>
public sealed class MetaData
{
    private readonly List<TableSchema> _tables = [];

    public IReadOnlyList<TableSchema> Tables => _tables;

    public MetaData Table(string name, params ITableElement[] elements)
    {
        var options = elements.OfType<TableOptions>().LastOrDefault();
        var columns = elements.OfType<Column>().ToList();
        var pk = elements.OfType<PrimaryKey>().LastOrDefault()
                 ?? (columns.Any(c => c.PrimaryKey) ? new PrimaryKey(columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray()) : null);
        _tables.Add(new TableSchema(name)
        {
            Schema = options?.Schema,
            Comment = options?.Comment,
            Columns = columns,
            PrimaryKey = pk,
            Indexes = elements.OfType<TableIndex>().Select(IndexSchema.From).ToList(),
            ProviderOptions = options?.ProviderOptions ?? TableOptionBag.Empty,
            UniqueConstraints = elements.OfType<UniqueConstraint>().ToList(),
            ForeignKeys = elements.OfType<ForeignKey>().ToList(),
            CheckConstraints = elements.OfType<CheckConstraint>().ToList(),
        });
        return this;
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

    /// <summary>Any view, routine, trigger or extension.</summary>
    public MetaData Object(SchemaObject schemaObject)
    {
        _objects.Add(schemaObject);
        return this;
    }

    public DatabaseSchema ToSchema() => new(_tables)
    {
        Types = _types.ToList(),
        Sequences = _sequences.ToList(),
        Views = _objects.OfType<ViewDefinition>().ToList(),
        Routines = _objects.OfType<RoutineDefinition>().ToList(),
        Triggers = _objects.OfType<TriggerDefinition>().ToList(),
        Extensions = _objects.OfType<ExtensionDefinition>().ToList(),
    };
}
