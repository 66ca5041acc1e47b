namespace Retort;

/// <summary>Something <see cref="Operations.CreateTable(string, ITableElement[])"/> takes: columns, constraints, options.</summary>
public interface ITableElement;

public sealed partial record Column : ITableElement;

/// <summary>A primary key over one or more columns (for composite keys or to name it).</summary>
public sealed record PrimaryKey(params string[] Columns) : ITableElement
{
    /// <summary>The constraint's name; null: the naming convention's; empty: written without a name (as reflected
    /// from a database that keeps unnamed constraints unnamed, e.g. SQLite).</summary>
    public string? Name { get; init; }

    /// <summary>Written in its one column's definition (a column constraint) rather than as a table constraint;
    /// providers whose catalog does not tell the two apart write a table constraint.</summary>
    public bool ColumnLevel { get; init; }

    /// <summary>Key columns written <c>DESC</c> (SQLite keeps the order in the key's index, and an
    /// <c>INTEGER PRIMARY KEY DESC</c> is no rowid alias); written only by providers that have it.</summary>
    public string[] Descending { get; init; } = [];

    /// <summary>SQLite's conflict resolution (<c>ON CONFLICT REPLACE</c> …); null: none written.</summary>
    public string? OnConflict { get; init; }
}

public enum ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault }

/// <summary>A foreign key from <see cref="Columns"/> to <see cref="ReferencedColumns"/> of another table.</summary>
public sealed record ForeignKey(string[] Columns, string ReferencedTable, string[] ReferencedColumns) : ITableElement
{
    public ForeignKey(string column, string referencedTable, string referencedColumn) : this([column], referencedTable, [referencedColumn]) { }

    /// <summary>The constraint's name; null: the naming convention's; empty: written without a name.</summary>
    public string? Name { get; init; }
    /// <summary>Written in its one column's definition (<c>col INTEGER REFERENCES t (id)</c>) rather than as a table constraint.</summary>
    public bool ColumnLevel { get; init; }
    public string? ReferencedSchema { get; init; }
    public ReferentialAction? OnDelete { get; init; }
    public ReferentialAction? OnUpdate { get; init; }
    /// <summary>DEFERRABLE: the check may wait until commit (PostgreSQL, SQLite).</summary>
    public bool Deferrable { get; init; }
    /// <summary>INITIALLY DEFERRED (with <see cref="Deferrable"/>): the check waits until commit unless told otherwise.</summary>
    public bool InitiallyDeferred { get; init; }
    /// <summary><c>INITIALLY IMMEDIATE</c> written explicitly (the default; kept where the database keeps the text, SQLite).</summary>
    public bool InitiallyImmediate { get; init; }
    /// <summary><c>MATCH</c> type as written (SIMPLE, FULL, PARTIAL); null: none written. Compared only when the model states it.</summary>
    public string? Match { get; init; }
    /// <summary>Added without checking existing rows (PostgreSQL NOT VALID, SQL Server WITH NOCHECK); see <c>op.ValidateConstraint</c>.</summary>
    public bool NotValid { get; init; }
}

public sealed record UniqueConstraint(params string[] Columns) : ITableElement
{
    /// <summary>The constraint's name; null: the naming convention's; empty: written without a name.</summary>
    public string? Name { get; init; }

    /// <summary>Written in its one column's definition (<c>guid TEXT UNIQUE</c>) rather than as a table constraint.</summary>
    public bool ColumnLevel { get; init; }

    /// <summary>SQLite's conflict resolution (<c>ON CONFLICT IGNORE</c> …); null: none written.</summary>
    public string? OnConflict { get; init; }
}

/// <summary>A CHECK constraint; <see cref="Sql"/> is the condition, e.g. <c>"price &gt;= 0"</c>.</summary>
public sealed record CheckConstraint(string Sql) : ITableElement
{
    /// <summary>The constraint's name; null: the naming convention's; empty: written without a name.</summary>
    public string? Name { get; init; }

    /// <summary>The column whose definition carries the check (a column constraint); null: a table constraint.</summary>
    public string? Column { get; init; }

    /// <summary>Not checked against existing rows (PostgreSQL NOT VALID, SQL Server WITH NOCHECK); see <c>op.ValidateConstraint</c>.</summary>
    public bool NotValid { get; init; }
}

/// <summary>Table-level options for CreateTable: its schema, comment, and options only some databases have.</summary>
public sealed record TableOptions : ITableElement
{
    public string? Schema { get; init; }
    public string? Comment { get; init; }
    /// <summary>
    /// Database-specific table options, keyed <c>provider.option</c>: <c>mysql.engine</c>, <c>mysql.charset</c>,
    /// <c>mysql.collation</c>, <c>sqlite.strict</c>, <c>sqlite.without_rowid</c> … Each provider reads its own keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> ProviderOptions { get; init; } = TableOptionBag.Empty;

    /// <summary>A partitioned table's partition key (PostgreSQL: <c>RANGE (payment_date)</c>).</summary>
    public string? PartitionBy { get; init; }

    /// <summary>The table is a partition of another, with its bound (PostgreSQL declarative partitioning).</summary>
    public Retort.Ops.PartitionOf? PartitionOf { get; init; }

    /// <summary>Partitions written in the table's definition after <see cref="PartitionBy"/> (MariaDB/MySQL).</summary>
    public IReadOnlyList<Retort.Ops.TablePartition> Partitions { get; init; } = [];
}

/// <summary>Helpers for provider-keyed table options (<c>provider.option</c> → value).</summary>
public static class TableOptionBag
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>The value of <c>provider.option</c>, or null.</summary>
    public static string? Get(this IReadOnlyDictionary<string, string> options, string provider, string option) =>
        options.TryGetValue(provider + "." + option, out var v) ? v : null;

    /// <summary>Same keys and values, in any order.</summary>
    public static bool SameAs(this IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>An index, for table definitions (CreateTable creates it with the table) and target models; a null
/// <see cref="Name"/> takes the naming convention's.</summary>
public sealed record TableIndex(string? Name, params string[] Columns) : ITableElement
{
    public bool Unique { get; init; }
    public string? Where { get; init; }
    /// <summary>The access method: btree, hash, gist, gin, brin, spgist (PostgreSQL); BTREE, HASH (MySQL).</summary>
    public string? Method { get; init; }
    public IndexKind Kind { get; init; }
    /// <summary>Key parts with order, expressions, collation, prefix length; when null, <see cref="Columns"/> ascending.</summary>
    public IReadOnlyList<IndexElement>? Elements { get; init; }
    /// <summary>Non-key columns stored in the index (INCLUDE).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];
    /// <summary>The index's comment (PostgreSQL COMMENT ON INDEX, MariaDB's index COMMENT).</summary>
    public string? Comment { get; init; }
}

/// <summary>What kind of index: a plain one, or MySQL's FULLTEXT / SPATIAL.</summary>
public enum IndexKind { Default, FullText, Spatial }

/// <summary>Where NULLs sort in an index key.</summary>
public enum NullsOrder { Default, First, Last }

/// <summary>
/// One key part of an index: a column name, or with <see cref="IsExpression"/> an SQL expression such as
/// <c>lower(email)</c>; with its order, NULLS placement, collation, operator class and (MySQL) prefix length.
/// </summary>
public sealed record IndexElement(string Text)
{
    public bool IsExpression { get; init; }
    public bool Descending { get; init; }
    public NullsOrder Nulls { get; init; }
    public string? Collation { get; init; }
    /// <summary>A PostgreSQL operator class, e.g. <c>text_pattern_ops</c>.</summary>
    public string? OperatorClass { get; init; }
    /// <summary>MySQL's index prefix: the first N characters.</summary>
    public int? PrefixLength { get; init; }

    /// <summary>The elements for plain ascending columns.</summary>
    public static IReadOnlyList<IndexElement> Of(IEnumerable<string> columns) => columns.Select(c => new IndexElement(c)).ToList();
}
