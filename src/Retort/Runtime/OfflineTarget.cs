using Retort.Dialects;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>Writes SQL as a script runnable by the database's own client (sqlite3, psql, mariadb, sqlcmd).</summary>
internal sealed class OfflineTarget(SqlDialect dialect, TextWriter output) : ISqlTarget
{
    public SqlDialect Dialect { get; } = dialect;

    public bool IsOffline => true;

    public bool InTransaction { get; private set; }

    public ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, CancellationToken ct) =>
        ValueTask.FromResult(Dialect.Generate(operation));

    public Task ExecuteAsync(SqlStatement statement, CancellationToken ct)
    {
        var sql = Dialect.RenderInline(statement).TrimEnd();
        output.Write(sql);
        output.WriteLine(sql.EndsWith(';') ? "" : ";");
        output.WriteLine();
        if (Dialect.BatchSeparator is { } go)
        {
            output.WriteLine(go);
            output.WriteLine();
        }
        return Task.CompletedTask;
    }

    public void Comment(string text) => output.WriteLine("-- " + text.Replace("\n", "\n-- ") + "\n");

    public Task BeginAsync(CancellationToken ct)
    {
        InTransaction = true;
        return WriteRaw(Dialect.BeginTransactionSql);
    }

    public Task CommitAsync(CancellationToken ct)
    {
        InTransaction = false;
        return WriteRaw(Dialect.CommitSql);
    }

    public Task RollbackAsync(CancellationToken ct) => Task.CompletedTask;

    private Task WriteRaw(string sql)
    {
        output.WriteLine(sql);
        output.WriteLine();
        if (Dialect.BatchSeparator is { } go)
        {
            output.WriteLine(go);
            output.WriteLine();
        }
        return Task.CompletedTask;
    }
}
