using Retort.Ops;

namespace Retort;

/// <summary>
/// What a revision's Upgrade and Downgrade call. Each call records an operation; the runtime turns the recorded
/// operations into the dialect's SQL and runs them (or prints them in offline mode).
/// </summary>
public partial class Operations
{
    private readonly List<MigrationOperation> _recorded = [];

    public IReadOnlyList<MigrationOperation> Recorded => _recorded;

    /// <summary>Records an operation; for extensions that define operations of their own.</summary>
    public void Add(MigrationOperation operation) => _recorded.Add(operation);

    public void CreateTable(string name, params Column[] columns) => Add(new CreateTableOperation(name, columns));

    public void DropTable(string name, string? schema = null) => Add(new DropTableOperation(name) { Schema = schema });

    public void AddColumn(string table, Column column, string? schema = null) =>
        Add(new AddColumnOperation(table, column) { Schema = schema });

    public void DropColumn(string table, string column, string? schema = null) =>
        Add(new DropColumnOperation(table, column) { Schema = schema });

    public void Execute(string sql, params object?[] parameters) => Add(new ExecuteSqlOperation(sql, parameters));

    /// <summary>Runs the statement outside the migration's transaction (e.g. CREATE INDEX CONCURRENTLY).</summary>
    public void ExecuteOutsideTransaction(string sql) =>
        Add(new ExecuteSqlOperation(sql, []) { OutsideTransaction = true });
}
