using Retort.Ops;

namespace Retort;

public partial class Operations
{
    /// <summary>
    /// Whether the revision is being written as an offline script (<c>--sql</c>): there is no database to read, so a
    /// revision that calls <see cref="Run"/> can emit SQL with <see cref="Execute"/> instead.
    /// </summary>
    public bool IsOffline { get; init; }

    /// <summary>The provider's name (sqlite, postgresql, mysql, mssql …), to choose SQL by database.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>
    /// Runs code against the live database at this point among the revision's operations, inside the revision's
    /// transaction: read rows, compute, write back. Online only: an offline run of a revision that calls it fails.
    /// </summary>
    public void Run(Func<RevisionDatabase, CancellationToken, Task> action) => Add(new RunOperation(action));
}
