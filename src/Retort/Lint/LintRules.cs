namespace Retort.Lint;

/// <summary>
/// Every rule of <c>retort lint</c>. The facts come from squawk's rule documentation and strong_migrations' README
/// (docs/lint.md names the page of each); ids are stable, scripts and <see cref="AllowLintAttribute"/> use them.
/// </summary>
public static class LintRules
{
    private static bool Postgres(LintTarget t) => t.IsPostgres;
    private static bool LockingServers(LintTarget t) => t.IsPostgres || t.IsMySqlFamily;
    private static bool Every(LintTarget t) => true;

    public static readonly LintRule CreateIndexNotConcurrently = new("create-index-not-concurrently", LintSeverity.Error,
        "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds",
        "op.CreateIndex(..., concurrently: true) (CREATE INDEX CONCURRENTLY, run outside the transaction)", Postgres);

    public static readonly LintRule AddForeignKeyValidates = new("add-foreign-key-validates", LintSeverity.Error,
        "adding a foreign key checks every row under a SHARE ROW EXCLUSIVE lock on both tables, blocking their writes",
        "op.CreateForeignKey(..., validate: false) (NOT VALID), then op.ValidateConstraint(table, name) in a later revision run in its own transaction", Postgres);

    public static readonly LintRule AddCheckValidates = new("add-check-validates", LintSeverity.Error,
        "adding a CHECK constraint scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes",
        "op.CreateCheckConstraint(..., validate: false) (NOT VALID), then op.ValidateConstraint(table, name) in a later revision run in its own transaction", Postgres);

    public static readonly LintRule AddUniqueConstraintLocks = new("add-unique-constraint-locks", LintSeverity.Error,
        "adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes",
        "op.CreateUniqueConstraint(..., concurrently: true) (CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX)", Postgres);

    public static readonly LintRule SetNotNullScans = new("set-not-null-scans", LintSeverity.Error,
        "SET NOT NULL scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes",
        "op.CreateCheckConstraint(table, name, \"col IS NOT NULL\", validate: false) and op.ValidateConstraint in a later revision; on PostgreSQL 12+ SET NOT NULL then uses the valid check instead of scanning", Postgres);

    public static readonly LintRule ChangeColumnType = new("change-column-type", LintSeverity.Error,
        "changing the column's type rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes",
        "add a new column, write both, backfill, switch reads, drop the old one; binary-coercible changes (varchar(n) to varchar(m>n) or text, numeric precision up) need no rewrite", Postgres);

    public static readonly LintRule AddColumnVolatileDefault = new("add-column-volatile-default", LintSeverity.Error,
        "adding a column with this default rewrites the table under an ACCESS EXCLUSIVE lock (before PostgreSQL 11 any default, from 11 a volatile one)",
        "add the column without a default, then op.AlterColumnDefault, then backfill in batches", Postgres);

    public static readonly LintRule AddNotNullColumnWithoutDefault = new("add-not-null-column-without-default", LintSeverity.Error,
        "a NOT NULL column without a default fails on a table with rows, and the running app's INSERTs fail without it",
        "add the column nullable (or with a non-volatile default), backfill, then make it NOT NULL", Every);

    public static readonly LintRule RenameColumn = new("rename-column", LintSeverity.Error,
        "renaming a column breaks the app version still running, which uses the old name",
        "keep the column's name (rename the property in code), or add a new column, write both, backfill, switch, drop the old one", Every);

    public static readonly LintRule RenameTable = new("rename-table", LintSeverity.Error,
        "renaming a table breaks the app version still running, which uses the old name",
        "keep the table's name (rename the entity in code), or create a view with the new name, move the app, then rename", Every);

    public static readonly LintRule DropColumn = new("drop-column", LintSeverity.Error,
        "dropping a column breaks the app version still running if it still reads or writes it",
        "deploy code that no longer uses the column first, then drop it; accept with [AllowLint(\"drop-column\", Reason = ...)]", Every);

    public static readonly LintRule DropTable = new("drop-table", LintSeverity.Warning,
        "dropping a table breaks the app version still running if it still uses it, and loses its data",
        "deploy code that no longer uses the table first (and keep a backup), then drop it", Every);

    public static readonly LintRule MissingDdlLockTimeout = new("missing-ddl-lock-timeout", LintSeverity.Warning,
        "the revision takes an exclusive lock with no lock timeout: waiting behind one long reader, it queues every later query on the table behind itself",
        "set ddl_lock_timeout = \"2s\" (and ddl_lock_retries = 3) in retort.toml, or begin the revision with op.Execute(\"SET lock_timeout = '2s'\")", LockingServers);

    public static readonly LintRule MySqlAlterNotInstant = new("mysql-alter-not-instant", LintSeverity.Error,
        "this ALTER is neither INSTANT nor in place on the server version: the table is copied or rebuilt while writes wait",
        "use a form the server does in place (see docs/lint.md), or run it with an online schema change tool (gh-ost, pt-online-schema-change)", t => t.IsMySqlFamily);

    public static readonly IReadOnlyList<LintRule> All =
    [
        CreateIndexNotConcurrently, AddForeignKeyValidates, AddCheckValidates, AddUniqueConstraintLocks, SetNotNullScans,
        ChangeColumnType, AddColumnVolatileDefault, AddNotNullColumnWithoutDefault, RenameColumn, RenameTable, DropColumn,
        DropTable, MissingDdlLockTimeout, MySqlAlterNotInstant,
    ];

    public static LintRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
