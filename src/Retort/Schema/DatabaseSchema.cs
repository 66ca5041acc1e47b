using Retort.Ops;

namespace Retort.Schema;

/// <summary>A schema as Retort compares it: what the target model declares, or what a live database has.</summary>
public sealed record DatabaseSchema(IReadOnlyList<TableSchema> Tables)
{
    /// <summary>Enum and domain types (PostgreSQL), created before the tables that use them; a reflected list is in
    /// creation order (a domain after the type it is based on).</summary>
    public IReadOnlyList<UserDefinedType> Types { get; init; } = [];

    /// <summary>
    /// Named schemas besides the default one (PostgreSQL's <c>CREATE SCHEMA</c>): in a reflected schema those of
    /// <c>ReflectOptions.Schemas</c> that exist. A model also needs every schema its tables, types, sequences and
    /// objects name (<see cref="UsedSchemas"/>).
    /// </summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    /// <summary>The schema whose objects carry no schema name, when known (a reflected database: the one read as default).</summary>
    public string? DefaultSchema { get; init; }

    /// <summary>Every named schema this schema has or needs: <see cref="Schemas"/> and those its objects live in.</summary>
    public IReadOnlyList<string> UsedSchemas =>
        Schemas.Concat(Tables.Select(t => t.Schema)).Concat(Types.Select(t => t.Schema)).Concat(Sequences.Select(s => s.Schema))
            .Concat(Objects.Select(o => o.Schema)).OfType<string>().Distinct().ToList();

    /// <summary>Free-standing sequences (no column owns them), created before the tables and dropped after them.</summary>
    public IReadOnlyList<SequenceDefinition> Sequences { get; init; } = [];

    /// <summary>Views and materialized views; a reflected list is in an order that can be created (a view after the views it reads).</summary>
    public IReadOnlyList<ViewDefinition> Views { get; init; } = [];

    /// <summary>Functions, procedures, aggregates and events.</summary>
    public IReadOnlyList<RoutineDefinition> Routines { get; init; } = [];

    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>Virtual tables (SQLite's FTS, R*Tree …), each its whole CREATE statement; their shadow tables are in no list.</summary>
    public IReadOnlyList<VirtualTableDefinition> VirtualTables { get; init; } = [];

    /// <summary>Extensions (PostgreSQL): created before everything else; what they own is in no other list.</summary>
    public IReadOnlyList<ExtensionDefinition> Extensions { get; init; } = [];

    /// <summary>
    /// Seed rows per table (a model's HasData); read from a database, the live rows of the tables the model seeds.
    /// A seeded table's rows are the seed's: autogenerate inserts, updates and deletes rows by key to match it.
    /// </summary>
    public IReadOnlyList<TableData> Data { get; init; } = [];

    /// <summary>Objects autogenerate does not model (policies, grants, operators, virtual tables …): named in a comment
    /// of generated revisions, ignored by <c>check</c>.</summary>
    public IReadOnlyList<UnsupportedObject> Unsupported { get; init; } = [];

    /// <summary>Every view, routine, trigger, extension and virtual table.</summary>
    public IEnumerable<SchemaObject> Objects => Extensions.Cast<SchemaObject>().Concat(Routines).Concat(VirtualTables).Concat(Views).Concat(Triggers);

    public UserDefinedType? FindType(string name, string? schema = null) =>
        Types.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase) && (schema is null || t.Schema == schema));

    /// <summary>
    /// The table in <paramref name="schema"/> (the default schema's when null or <see cref="DefaultSchema"/>). A
    /// schema that uses one schema only also answers for no schema: a model that names none against a database read
    /// in a named default schema.
    /// </summary>
    public TableSchema? Find(string name, string? schema = null)
    {
        bool Named(TableSchema t) => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase);
        return Tables.FirstOrDefault(t => Named(t) && (t.Schema == schema || (schema is not null && schema == DefaultSchema && t.Schema is null)))
               ?? (schema is null && UsedSchemas.Count <= 1 ? Tables.FirstOrDefault(Named) : null);
    }
}

/// <summary>One table: columns in order, keys, indexes and constraints, reusing the operation records.</summary>
public sealed record TableSchema(string Name)
{
    public string? Schema { get; init; }
    public IReadOnlyList<Column> Columns { get; init; } = [];
    public PrimaryKey? PrimaryKey { get; init; }
    public IReadOnlyList<IndexSchema> Indexes { get; init; } = [];
    public IReadOnlyList<UniqueConstraint> UniqueConstraints { get; init; } = [];
    public IReadOnlyList<ForeignKey> ForeignKeys { get; init; } = [];
    public IReadOnlyList<CheckConstraint> CheckConstraints { get; init; } = [];
    public string? Comment { get; init; }

    /// <summary>A partitioned table's partition key as the database prints it (PostgreSQL: <c>RANGE (payment_date)</c>).</summary>
    public string? PartitionBy { get; init; }

    /// <summary>For a partition: its parent and bound (PostgreSQL declarative partitioning).</summary>
    public PartitionOf? PartitionOf { get; init; }

    /// <summary>
    /// Partitions written in the table's own definition after <see cref="PartitionBy"/> (MariaDB/MySQL), in order;
    /// empty where the key says only a count (<c>KEY (`id`) PARTITIONS 4</c>).
    /// </summary>
    public IReadOnlyList<TablePartition> Partitions { get; init; } = [];

    /// <summary>Database-specific table options, keyed <c>provider.option</c> (ENGINE, charset, STRICT, WITHOUT ROWID …).</summary>
    public IReadOnlyDictionary<string, string> ProviderOptions { get; init; } = TableOptionBag.Empty;

    /// <summary>For reflected columns: the type as the database spells it.</summary>
    public IReadOnlyDictionary<string, string> RawTypes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For a model: per column, the storage class of the values the application writes (an ORM's type mapping, see
    /// <see cref="Schema.ValueStorage"/>). A column listed here matches a live column that stores those values the same
    /// way (the provider's type mapping decides), e.g. EF Core's TEXT for a string and SQLite's VARCHAR(200).
    /// </summary>
    public IReadOnlyDictionary<string, ValueStorage> ValueStorage { get; init; } = new Dictionary<string, ValueStorage>();

    public Column? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns)
{
    public bool Unique { get; init; }
    public string? Where { get; init; }
    /// <summary>The access method (btree, gist, gin …); null for the database's default.</summary>
    public string? Method { get; init; }
    public IndexKind Kind { get; init; }
    /// <summary>Key parts with order, expressions, collation, prefix length; when null, <see cref="Columns"/> ascending.</summary>
    public IReadOnlyList<IndexElement>? Elements { get; init; }
    public IReadOnlyList<string> Include { get; init; } = [];
    public string? Comment { get; init; }

    /// <summary>The key parts, whether given as <see cref="Elements"/> or plain columns.</summary>
    public IReadOnlyList<IndexElement> KeyParts => Elements ?? IndexElement.Of(Columns);

    /// <summary>The index of a table definition; an unnamed one takes <paramref name="naming"/>'s name.</summary>
    public static IndexSchema From(TableIndex i, string table = "", NamingConvention? naming = null, string? schema = null) =>
        new(i.Name ?? (naming ?? NamingConvention.Default).IndexName(table, i.Columns, schema: schema), i.Columns) { Unique = i.Unique, Where = i.Where, Method = i.Method, Kind = i.Kind, Elements = i.Elements, Include = i.Include, Comment = i.Comment };

    public TableIndex ToTableIndex() =>
        new(Name, [.. Columns]) { Unique = Unique, Where = Where, Method = Method, Kind = Kind, Elements = Elements, Include = Include, Comment = Comment };
}

/// <summary>A database object outside what autogenerate handles, e.g. ("view", "customer_list").</summary>
public sealed record UnsupportedObject(string Kind, string Name)
{
    public string? Schema { get; init; }
    /// <summary>The table it belongs to, for triggers and partitions.</summary>
    public string? Table { get; init; }
}
