namespace Retort;

/// <summary>Something <see cref="Operations.CreateTable(string, ITableElement[])"/> takes: columns, constraints, options.</summary>
public interface ITableElement;

public sealed partial record Column : ITableElement;

/// <summary>A primary key over one or more columns (for composite keys or to name it).</summary>
public sealed record PrimaryKey(params string[] Columns) : ITableElement
{
    public string? Name { get; init; }
}

public enum ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault }

/// <summary>A foreign key from <see cref="Columns"/> to <see cref="ReferencedColumns"/> of another table.</summary>
public sealed record ForeignKey(string[] Columns, string ReferencedTable, string[] ReferencedColumns) : ITableElement
{
    public ForeignKey(string column, string referencedTable, string referencedColumn) : this([column], referencedTable, [referencedColumn]) { }

    public string? Name { get; init; }
    public string? ReferencedSchema { get; init; }
    public ReferentialAction? OnDelete { get; init; }
    public ReferentialAction? OnUpdate { get; init; }
}

public sealed record UniqueConstraint(params string[] Columns) : ITableElement
{
    public string? Name { get; init; }
}

/// <summary>A CHECK constraint; <see cref="Sql"/> is the condition, e.g. <c>"price &gt;= 0"</c>.</summary>
public sealed record CheckConstraint(string Sql) : ITableElement
{
    public string? Name { get; init; }
}

/// <summary>Table-level options for CreateTable: its schema and comment.</summary>
public sealed record TableOptions : ITableElement
{
    public string? Schema { get; init; }
    public string? Comment { get; init; }
}

/// <summary>An index, for table definitions in a target model.</summary>
public sealed record TableIndex(string Name, params string[] Columns) : ITableElement
{
    public bool Unique { get; init; }
    public string? Where { get; init; }
}
