namespace Retort;

/// <summary>A column as written in a revision; nullable unless said otherwise, as in SQLAlchemy.</summary>
public sealed partial record Column(string Name, SqlType Type)
{
    public bool Nullable { get; init; } = true;
    public bool PrimaryKey { get; init; }
    /// <summary>Identity / autoincrement integer key, in the database's usual way (see <see cref="Identity"/> to say which).</summary>
    public bool Autoincrement { get; init; }
    /// <summary>SQL expression text used as the column's DEFAULT, e.g. <c>"0"</c>, <c>"'x'"</c>, <c>"CURRENT_TIMESTAMP"</c>.</summary>
    public string? ServerDefault { get; init; }
    public string? Comment { get; init; }

    /// <summary>
    /// Exactly how the database generates the column's values, when that matters (as reflected from a real schema):
    /// an identity with its sequence options, a serial, AUTO_INCREMENT/AUTOINCREMENT, or SQLite's rowid alias.
    /// </summary>
    public IdentityOptions? Identity { get; init; }

    /// <summary>A generated (computed) column: its expression, stored or virtual.</summary>
    public ComputedColumn? Computed { get; init; }

    /// <summary>The column's collation, e.g. <c>"C"</c>, <c>"utf8mb4_bin"</c>, <c>"NOCASE"</c>.</summary>
    public string? Collation { get; init; }

    /// <summary>The column's character set (MySQL/MariaDB), e.g. <c>"latin1"</c>.</summary>
    public string? Charset { get; init; }

    /// <summary>An expression set on every UPDATE of the row (MySQL's <c>ON UPDATE CURRENT_TIMESTAMP</c>).</summary>
    public string? OnUpdate { get; init; }

    /// <summary>The conflict resolution of the column's NOT NULL (SQLite's <c>NOT NULL ON CONFLICT REPLACE</c>):
    /// ROLLBACK, ABORT, FAIL, IGNORE or REPLACE; null: none written. Written only by providers that have it.</summary>
    public string? NotNullOnConflict { get; init; }

    /// <summary>PostgreSQL's column storage (<c>SET STORAGE</c>): PLAIN, EXTERNAL, EXTENDED or MAIN, only where it is
    /// not the type's own; null: the type's. Written only by providers that have it.</summary>
    public string? Storage { get; init; }
}

/// <summary>How a database generates a key column's values.</summary>
public enum IdentityKind
{
    /// <summary>SQL-standard <c>GENERATED … AS IDENTITY</c> (PostgreSQL, SQL Server's IDENTITY).</summary>
    Identity,
    /// <summary>PostgreSQL serial: a sequence owned by the column and a <c>nextval</c> default.</summary>
    Serial,
    /// <summary>MySQL's AUTO_INCREMENT, SQLite's INTEGER PRIMARY KEY AUTOINCREMENT.</summary>
    AutoIncrement,
    /// <summary>SQLite's INTEGER PRIMARY KEY without AUTOINCREMENT: an alias of the rowid (ids may be reused).</summary>
    RowId,
}

/// <summary>The generation of a key column and its sequence options; null options mean the database's defaults.</summary>
public sealed record IdentityOptions
{
    public IdentityKind Kind { get; init; } = IdentityKind.Identity;
    /// <summary>GENERATED ALWAYS (true) or BY DEFAULT (false), for <see cref="IdentityKind.Identity"/>.</summary>
    public bool Always { get; init; }
    public long? Start { get; init; }
    public long? Increment { get; init; }
    public long? MinValue { get; init; }
    public long? MaxValue { get; init; }
    public long? Cache { get; init; }
    public bool Cycle { get; init; }
    /// <summary>The sequence's name when it is not the database's default (a serial's <c>table_column_seq</c>).</summary>
    public string? SequenceName { get; init; }

    /// <summary>A serial's sequence type when the column's type is not one a sequence can have (a domain over
    /// bigint): PostgreSQL's spelling, e.g. <c>bigint</c>; null: the column's type.</summary>
    public string? SequenceType { get; init; }
}

/// <summary>A generated column: <c>GENERATED ALWAYS AS (Sql) STORED|VIRTUAL</c>.</summary>
public sealed record ComputedColumn(string Sql)
{
    /// <summary>Stored (written on change) rather than virtual (computed on read).</summary>
    public bool Stored { get; init; }
}
