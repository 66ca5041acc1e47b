namespace Retort.Dialects;

/// <summary>
/// What a database can do, as the runtime and autogenerate need to know it. Each provider states its own; code
/// outside the provider asks these questions instead of testing the database's name.
/// </summary>
public sealed record ProviderCapabilities
{
    /// <summary>The longest constraint or index name the database keeps (SQLAlchemy's max_identifier_length): a naming
    /// convention's longer names are cut to it.</summary>
    public int MaxNameLength { get; init; } = 9999;

    /// <summary>DDL runs inside a transaction and rolls back with it.</summary>
    public bool TransactionalDdl { get; init; }

    /// <summary>The driver runs several statements separated by ';' in one command (the version-table bookkeeping uses it).</summary>
    public bool MultiStatementBatches { get; init; } = true;

    /// <summary>ALTER TABLE … DROP COLUMN exists (otherwise the provider rebuilds the table).</summary>
    public bool NativeDropColumn { get; init; } = true;

    /// <summary>Constraints can be added to an existing table with ALTER TABLE … ADD CONSTRAINT; when false, foreign keys
    /// of a cycle are written inline in CREATE TABLE.</summary>
    public bool AlterAddConstraint { get; init; } = true;

    /// <summary>Table and column comments are stored (and so compared by autogenerate).</summary>
    public bool Comments { get; init; }

    /// <summary>Unique constraints are kept as unique indexes (MySQL): autogenerate compares them as indexes.</summary>
    public bool UniqueConstraintsAreIndexes { get; init; }

    /// <summary>The catalog reports a column's declared type as written, and behaviour follows the text (SQLite's
    /// affinity: INT is not INTEGER): code written from reflection keeps the text unless a portable type spells it
    /// identically.</summary>
    public bool KeepsDeclaredTypeText { get; init; }


    /// <summary>The database has enum types; otherwise enums are strings with a CHECK.</summary>
    public bool NativeEnums { get; init; }

    /// <summary>CREATE INDEX … WHERE (partial indexes).</summary>
    public bool PartialIndexes { get; init; }

    /// <summary>RESTRICT and NO ACTION behave the same (MySQL, SQL Server), so the catalog may report either: a foreign
    /// key's actions are compared with the two folded together.</summary>
    public bool RestrictIsNoAction { get; init; }

    /// <summary>An existing column can be made generated, or its expression changed, in place (MySQL's MODIFY,
    /// SQLite's rebuild); when false (PostgreSQL), the dialect drops and adds the column and autogenerate says so in a
    /// note of the revision.</summary>
    public bool AlterGeneratedColumns { get; init; } = true;

    /// <summary>A constraint added without checking the existing rows stays marked so in the catalog (PostgreSQL
    /// NOT VALID): autogenerate compares it and validates, or adds again NOT VALID, as the model says.</summary>
    public bool NotValidConstraints { get; init; }

    /// <summary>An index's comment can be changed alone (PostgreSQL COMMENT ON INDEX); elsewhere a changed comment
    /// drops and creates the index again.</summary>
    public bool IndexCommentAlone { get; init; }

    /// <summary>Tables live in named schemas (CREATE SCHEMA).</summary>
    public bool Schemas { get; init; }

    /// <summary>How a schema change waits for and holds table locks: what <c>retort lint</c> judges, and how <c>ddl_lock_timeout</c> is set.</summary>
    public DdlLockModel DdlLocks { get; init; }
}

/// <summary>How a database's schema changes lock a live table.</summary>
public enum DdlLockModel
{
    /// <summary>No lock queue to speak of (SQLite's single writer) or not modelled.</summary>
    None,

    /// <summary>
    /// Table locks taken in a queue and held to the end of the transaction: a waiting ALTER blocks every later
    /// query; NOT VALID constraints, CONCURRENTLY indexes and lock_timeout exist (PostgreSQL).
    /// </summary>
    LockQueue,

    /// <summary>
    /// Online ALTER with INSTANT, INPLACE or COPY algorithms, each statement committing alone, waiting for the
    /// metadata lock up to lock_wait_timeout (MariaDB, MySQL).
    /// </summary>
    OnlineAlter,
}
