using Retort.Ops;

namespace Retort.Lint;

/// <summary>
/// What one raw SQL statement does, as the typed operations the rules read (so that <c>op.Execute("CREATE INDEX …")</c>
/// and <c>op.CreateIndex(…)</c> are judged alike), plus the session settings it makes.
/// </summary>
public sealed record RawStatement(string Sql, IReadOnlyList<MigrationOperation> Operations)
{
    /// <summary><c>SET lock_timeout</c> (PostgreSQL) or <c>SET lock_wait_timeout</c> (MariaDB/MySQL), or a statement run with one.</summary>
    public bool SetsLockTimeout { get; init; }

    /// <summary>MariaDB/MySQL: ALGORITHM=INSTANT/INPLACE or LOCK=NONE was stated, so the server refuses rather than copies.</summary>
    public bool StatesOnlineAlgorithm { get; init; }
}
