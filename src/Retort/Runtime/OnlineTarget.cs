using System.Data.Common;
using Retort.Dialects;
using Retort.Ops;

namespace Retort.Runtime;

/// <summary>
/// Runs SQL on an open connection, inside the current transaction when there is one. Given a caller's transaction,
/// everything runs inside it and its begin, commit and rollback are the caller's: Retort's are no-ops.
/// </summary>
internal sealed class OnlineTarget(DatabaseProvider provider, DbConnection connection, DbTransaction? callerTransaction = null) : ISqlTarget
{
    private readonly DbTransaction? _callerTransaction = callerTransaction;
    private DbTransaction? _transaction = callerTransaction;

    public DatabaseProvider Provider { get; } = provider;

    public SqlDialect Dialect => Provider.Dialect;

    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction => _transaction;

    public bool IsOffline => false;

    public bool InTransaction => _transaction is not null;

    public ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(MigrationOperation operation, CancellationToken ct) =>
        Dialect.GenerateAsync(operation, Connection, _transaction, ct);

    public async Task ExecuteAsync(SqlStatement statement, CancellationToken ct) => await ExecuteCountAsync(statement, ct);

    /// <summary>Runs one statement; returns the rows affected.</summary>
    public async Task<int> ExecuteCountAsync(SqlStatement statement, CancellationToken ct)
    {
        await using var command = Command(statement);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a query with bound parameters; each row's values (DBNull as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(SqlStatement statement, CancellationToken ct)
    {
        await using var command = Command(statement);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++) if (row[i] is DBNull) row[i] = null;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Receives each statement's text before it runs (<see cref="Configuration.RetortConfig.StatementLog"/>).</summary>
    public Action<string>? Echo { get; set; }

    private DbCommand Command(SqlStatement statement)
    {
        Echo?.Invoke(statement.Sql);
        var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = statement.Parameters.Count == 0 ? statement.Sql : BindPositional(command, statement);
        return command;
    }

    /// <summary>
    /// Turns the statement's <c>?</c> placeholders into the driver's (the provider's <see cref="SqlDialect.DriverParameter"/>),
    /// found by the one scanner that knows the database's literals and comments; a count mismatch throws.
    /// </summary>
    private string BindPositional(DbCommand command, SqlStatement statement) =>
        SqlPlaceholders.Replace(statement.Sql, Dialect.Lexicon, statement.Parameters.Count, i =>
        {
            var (placeholder, name) = Dialect.DriverParameter(i);
            var p = command.CreateParameter();
            if (name is not null) p.ParameterName = name;
            p.Value = statement.Parameters[i] ?? DBNull.Value;
            command.Parameters.Add(p);
            return placeholder;
        });

    public async Task<List<string>> QueryStringsAsync(SqlStatement statement, CancellationToken ct)
    {
        Echo?.Invoke(statement.Sql);
        await using var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = statement.Sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return values;
    }

    public async Task<List<string?[]>> QueryRowsAsync(SqlStatement statement, CancellationToken ct)
    {
        Echo?.Invoke(statement.Sql);
        await using var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = statement.Sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    public async Task BeginAsync(CancellationToken ct)
    {
        if (_callerTransaction is not null) return;
        _transaction = await Connection.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_transaction is null || _callerTransaction is not null) return;
        await _transaction.CommitAsync(ct);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (_transaction is null || _callerTransaction is not null) return;
        // On a dead connection (server gone, backend terminated) the server has already rolled back, and trying
        // again would throw "connection is not open" over the error that ended the run.
        try { if (Connection.State == System.Data.ConnectionState.Open) await _transaction.RollbackAsync(ct); }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
