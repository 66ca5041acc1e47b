using System.Data.Common;

namespace Retort;

/// <summary>
/// The live database a revision's <see cref="Operations.Run"/> action works on (Alembic's <c>op.get_bind()</c>): the
/// migration's own connection and transaction, so what the action reads includes the revision's earlier operations
/// and what it writes commits or rolls back with them.
/// </summary>
public abstract class RevisionDatabase
{
    /// <summary>The open connection of the run.</summary>
    public abstract DbConnection Connection { get; }

    /// <summary>The transaction the revision runs in (null where the run has none at this point); set it on every command.</summary>
    public abstract DbTransaction? Transaction { get; }

    /// <summary>The provider's name: sqlite, postgresql, mysql, mssql, or a registered provider's.</summary>
    public abstract string Dialect { get; }

    /// <summary>Runs one statement with positional <c>?</c> parameters (found by the same scanner as <c>op.Execute</c>); returns the rows affected.</summary>
    public abstract Task<int> ExecuteAsync(string sql, params object?[] parameters);

    /// <summary>Runs a query with positional <c>?</c> parameters; each row's values in column order (DBNull as null).</summary>
    public abstract Task<IReadOnlyList<object?[]>> QueryAsync(string sql, params object?[] parameters);
}
