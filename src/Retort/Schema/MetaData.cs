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

    public DatabaseSchema ToSchema() => new(_tables) { Types = _types.ToList(), Sequences = _sequences.ToList() };
}
