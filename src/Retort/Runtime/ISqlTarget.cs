using Retort.Dialects;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>Where a run's SQL goes: a live connection, or an offline script.</summary>
internal interface ISqlTarget
{
    DatabaseProvider Provider { get; }

    SqlDialect Dialect { get; }

    bool IsOffline { get; }

    ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, CancellationToken ct);

    Task ExecuteAsync(SqlStatement statement, CancellationToken ct);

    Task BeginAsync(CancellationToken ct);

    Task CommitAsync(CancellationToken ct);

    Task RollbackAsync(CancellationToken ct);

    bool InTransaction { get; }
}
