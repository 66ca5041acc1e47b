namespace Retort.Schema;

// Retort's own attributes for entity classes, beside System.ComponentModel.DataAnnotations
// ([Table], [Key], [Required], [MaxLength], [Column], [NotMapped], [DatabaseGenerated]).

/// <summary>An index over properties of the class: <c>[Index(nameof(Email), IsUnique = true)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IndexAttribute(params string[] properties) : Attribute
{
    public string[] Properties { get; } = properties;
    public string? Name { get; set; }
    public bool IsUnique { get; set; }
    /// <summary>A partial index's predicate (PostgreSQL, SQLite).</summary>
    public string? Where { get; set; }
    /// <summary>Per property, whether it is sorted descending, as EF Core's <c>IsDescending</c>: <c>IsDescending = new[] { true, false }</c>.</summary>
    public bool[]? IsDescending { get; set; }
}

/// <summary>A UNIQUE constraint over properties of the class.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class UniqueAttribute(params string[] properties) : Attribute
{
    public string[] Properties { get; } = properties;
    public string? Name { get; set; }
}

/// <summary>A named CHECK constraint on the table.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CheckAttribute(string name, string sql) : Attribute
{
    public string Name { get; } = name;
    public string Sql { get; } = sql;
}

/// <summary>A foreign key from this property to a column of another table.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReferencesAttribute(string table, string column = "id") : Attribute
{
    public string Table { get; } = table;
    public string Column { get; } = column;
    public string? Name { get; set; }
    public ReferentialAction OnDelete { get; set; } = ReferentialAction.NoAction;
    public ReferentialAction OnUpdate { get; set; } = ReferentialAction.NoAction;
}

/// <summary>The column's server default, as SQL: <c>[Default("0")]</c>, <c>[Default("CURRENT_TIMESTAMP")]</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(string sql) : Attribute
{
    public string Sql { get; } = sql;
}

/// <summary>A comment on the table (class) or column (property).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class CommentAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>Decimal precision and scale.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrecisionAttribute(int precision, int scale) : Attribute
{
    public int Precision { get; } = precision;
    public int Scale { get; } = scale;
}

/// <summary>
/// A database-specific table option, keyed <c>provider.option</c>:
/// <c>[TableOption("mysql.engine", "InnoDB")]</c>, <c>[TableOption("sqlite.without_rowid", "true")]</c>. Options a
/// model does not state are left as the database has them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class TableOptionAttribute(string key, string value) : Attribute
{
    public string Key { get; } = key;
    public string Value { get; } = value;
}
