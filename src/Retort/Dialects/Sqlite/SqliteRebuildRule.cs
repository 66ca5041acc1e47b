using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// The one place that decides which changes SQLite makes by rebuilding the table (<see cref="SqliteTableRebuild"/>)
/// rather than with its small ALTER TABLE (ADD COLUMN, RENAME COLUMN, RENAME TO, and offline DROP COLUMN): column
/// changes, constraints, and STRICT / WITHOUT ROWID (which only CREATE TABLE sets).
/// </summary>
public static class SqliteRebuildRule
{
    /// <summary>
    /// The table changes to make in one rebuild, or null when ALTER TABLE does it in place.
    /// <paramref name="canReadTable"/> is true online: a DROP COLUMN is then a rebuild too, which (unlike SQLite's
    /// own DROP COLUMN) also drops the indexes and constraints naming the column; offline it stays DROP COLUMN.
    /// </summary>
    public static IReadOnlyList<TableOperation>? Rebuild(MigrationOperation operation, bool canReadTable) => operation switch
    {
        BatchAlterTableOperation b when b.Operations.Any(o => Needs(o, canReadTable)) => b.Operations,
        BatchAlterTableOperation => null,
        TableOperation t when Needs(t, canReadTable) => [t],
        _ => null,
    };

    /// <summary>Whether one change needs a rebuild.</summary>
    public static bool Needs(TableOperation operation, bool canReadTable) => operation switch
    {
        AlterColumnOperation a => !IsRenameOnly(a) && !IsCommentOnly(a),
        DropColumnOperation => canReadTable,
        CreatePrimaryKeyOperation or CreateUniqueConstraintOperation or CreateForeignKeyOperation
            or CreateCheckConstraintOperation or DropConstraintOperation or SetTableOptionsOperation => true,
        BatchAlterTableOperation b => b.Operations.Any(o => Needs(o, canReadTable)),
        _ => false,
    };

    public static bool IsRenameOnly(AlterColumnOperation o) =>
        o.NewName is not null && o.Type is null && o.Nullable is null && !o.ChangeServerDefault && o.Definition is null;

    public static bool IsCommentOnly(AlterColumnOperation o) =>
        o.NewName is null && o.Type is null && o.Nullable is null && !o.ChangeServerDefault && o.Definition is null;
}
