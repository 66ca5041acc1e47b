using Retort.Dialects;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>Writes SQL as a script runnable by the database's own client (sqlite3, psql, mariadb, sqlcmd).</summary>
internal sealed class OfflineTarget : ISqlTarget
{
    private readonly TextWriter output;

    public OfflineTarget(DatabaseProvider provider, TextWriter output)
    {
        Provider = provider;
        this.output = output;
        foreach (var line in provider.Offline.Preamble) output.WriteLine(line);
        if (provider.Offline.Preamble.Count > 0) output.WriteLine();
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect => Provider.Dialect;

    public bool IsOffline => true;

    public bool InTransaction { get; private set; }

    public ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, CancellationToken ct) =>
        ValueTask.FromResult(Dialect.Generate(operation));

    public Task ExecuteAsync(SqlStatement statement, CancellationToken ct)
    {
        var sql = Dialect.RenderInline(statement).TrimEnd();
        if (Provider.Offline.BodyDelimiter is { } delimiter && sql.TrimEnd(';').Contains(';'))
        {
            // The client would cut the body at its first ';': the whole statement ends at the other delimiter instead.
            output.WriteLine("DELIMITER " + delimiter);
            output.WriteLine(sql + (SqlPlaceholders.EndsInLineComment(sql, Dialect.Lexicon) ? "\n" : "") + delimiter);
            output.WriteLine("DELIMITER ;");
            output.WriteLine();
            WriteSeparator();
            return Task.CompletedTask;
        }
        output.Write(sql);
        // A statement ending in a -- or # comment would swallow a ';' written on the same line.
        if (SqlPlaceholders.EndsInLineComment(sql, Dialect.Lexicon)) output.WriteLine();
        output.WriteLine(sql.EndsWith(';') ? "" : ";");
        output.WriteLine();
        WriteSeparator();
        return Task.CompletedTask;
    }

    /// <summary>A <c>--</c> comment; a line break or NUL in <paramref name="text"/> (a revision message) cannot end it.</summary>
    public void Comment(string text) => output.WriteLine("-- " + CommentText.Join(text, "\n-- ") + "\n");

    public Task BeginAsync(CancellationToken ct)
    {
        InTransaction = true;
        return WriteRaw(Provider.Offline.BeginTransaction);
    }

    public Task CommitAsync(CancellationToken ct)
    {
        InTransaction = false;
        return WriteRaw(Provider.Offline.Commit);
    }

    public Task RollbackAsync(CancellationToken ct) => Task.CompletedTask;

    private Task WriteRaw(string sql)
    {
        output.WriteLine(sql);
        output.WriteLine();
        WriteSeparator();
        return Task.CompletedTask;
    }

    /// <summary>SQL Server's GO and the like: the client runs each batch on its own.</summary>
    private void WriteSeparator()
    {
        if (Provider.Offline.BatchSeparator is not { } go) return;
        output.WriteLine(go);
        output.WriteLine();
    }
}
