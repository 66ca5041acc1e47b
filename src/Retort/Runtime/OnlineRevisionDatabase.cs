using System.Data.Common;
using Retort.Dialects;

namespace Retort.Runtime;

/// <summary>What <c>op.Run</c> actions see: the run's own connection and current transaction.</summary>
internal sealed class OnlineRevisionDatabase(OnlineTarget target, CancellationToken ct) : RevisionDatabase
{
    public override DbConnection Connection => target.Connection;

    public override DbTransaction? Transaction => target.Transaction;

    public override string Dialect => target.Provider.Name;

    public override Task<int> ExecuteAsync(string sql, params object?[] parameters) =>
        target.ExecuteCountAsync(new SqlStatement(sql) { Parameters = parameters }, ct);

    public override Task<IReadOnlyList<object?[]>> QueryAsync(string sql, params object?[] parameters) =>
        target.QueryAsync(new SqlStatement(sql) { Parameters = parameters }, ct);
}
