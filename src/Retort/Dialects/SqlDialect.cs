using System.Data.Common;
using System.Globalization;
using System.Text;
using Retort.Ops;

namespace Retort.Dialects;

/// <summary>
/// Everything that differs between databases: SQL for each operation, quoting, the version table, transactional
/// DDL, and how to connect. One subclass per folder under Dialects/.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The name used in URLs and configuration: sqlite, postgresql, mysql, mssql.</summary>
    public abstract string Name { get; }

    /// <summary>Whether DDL runs inside a transaction and rolls back with it.</summary>
    public abstract bool TransactionalDdl { get; }

    /// <summary>Written after each statement in offline scripts (e.g. "GO" for SQL Server).</summary>
    public virtual string? BatchSeparator => null;

    public virtual string BeginTransactionSql => "BEGIN;";

    public virtual string CommitSql => "COMMIT;";

    public abstract string QuoteIdentifier(string name);

    public abstract DbConnection CreateConnection(string connectionString);

    public string Qualify(string name, string? schema) =>
        schema is null ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>The SQL for one operation, needing no database (used online and offline).</summary>
    public virtual IReadOnlyList<SqlStatement> Generate(MigrationOperation operation) => operation switch
    {
        CreateTableOperation o => CreateTable(o),
        DropTableOperation o => [$"DROP TABLE {Qualify(o.Name, o.Schema)}"],
        AddColumnOperation o => [$"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD COLUMN {ColumnDefinition(o.Column)}"],
        DropColumnOperation o => [$"ALTER TABLE {Qualify(o.Table, o.Schema)} DROP COLUMN {QuoteIdentifier(o.Column)}"],
        ExecuteSqlOperation o => [new SqlStatement(o.Sql) { Parameters = o.Parameters, OutsideTransaction = o.OutsideTransaction }],
        _ => throw new NotSupportedException($"The {Name} dialect cannot generate SQL for {operation.GetType().Name}."),
    };

    protected virtual IReadOnlyList<SqlStatement> CreateTable(CreateTableOperation o)
    {
        var parts = o.Columns.Select(ColumnDefinition).ToList();
        var keys = o.Columns.Where(c => c.PrimaryKey && !InlinePrimaryKey(c)).Select(c => QuoteIdentifier(c.Name)).ToList();
        if (keys.Count > 0) parts.Add($"PRIMARY KEY ({string.Join(", ", keys)})");
        return [$"CREATE TABLE {Qualify(o.Name, o.Schema)} (\n    {string.Join(",\n    ", parts)}\n)"];
    }

    /// <summary>Whether a primary-key column carries its PRIMARY KEY inline (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT).</summary>
    protected virtual bool InlinePrimaryKey(Column column) => false;

    protected virtual string ColumnDefinition(Column column)
    {
        var sb = new StringBuilder();
        sb.Append(QuoteIdentifier(column.Name)).Append(' ').Append(TypeToSql(column.Type));
        if (column.ServerDefault is not null) sb.Append(" DEFAULT ").Append(column.ServerDefault);
        if (!column.Nullable || column.PrimaryKey) sb.Append(" NOT NULL");
        return sb.ToString();
    }

    /// <summary>
    /// The SQL for one operation when a live connection is at hand; dialects that must read the current schema
    /// (SQLite's table rebuild) override this.
    /// </summary>
    public virtual ValueTask<IReadOnlyList<SqlStatement>> GenerateAsync(
        MigrationOperation operation, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Generate(operation));

    public abstract string TypeToSql(SqlType type);

    public virtual string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A value as a SQL literal, for offline scripts.</summary>
    public virtual string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => StringLiteral(s),
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => StringLiteral(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset d => StringLiteral(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        Guid g => StringLiteral(g.ToString()),
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => StringLiteral(value.ToString() ?? ""),
    };

    /// <summary>Inlines positional parameters (written as <c>?</c>) for offline output.</summary>
    public string RenderInline(SqlStatement statement)
    {
        if (statement.Parameters.Count == 0) return statement.Sql;
        var sb = new StringBuilder();
        var index = 0;
        var inString = false;
        foreach (var ch in statement.Sql)
        {
            if (ch == '\'') inString = !inString;
            if (ch == '?' && !inString && index < statement.Parameters.Count)
                sb.Append(Literal(statement.Parameters[index++]));
            else
                sb.Append(ch);
        }
        return sb.ToString();
    }

    // ---- version table -------------------------------------------------------------------------------------

    public virtual string VersionColumnType => "VARCHAR(32)";

    public virtual IReadOnlyList<SqlStatement> CreateVersionTable(string table, string? schema) =>
    [
        $"CREATE TABLE {Qualify(table, schema)} (\n    version_num {VersionColumnType} NOT NULL, \n    CONSTRAINT {QuoteIdentifier(table + "_pkc")} PRIMARY KEY (version_num)\n)",
    ];

    /// <summary>A query that succeeds when the version table exists (its rows are ignored).</summary>
    public abstract SqlStatement VersionTableExists(string table, string? schema);

    public virtual SqlStatement SelectVersions(string table, string? schema) =>
        $"SELECT version_num FROM {Qualify(table, schema)}";

    public virtual SqlStatement InsertVersion(string table, string? schema, string version) =>
        $"INSERT INTO {Qualify(table, schema)} (version_num) VALUES ({StringLiteral(version)})";

    public virtual SqlStatement UpdateVersion(string table, string? schema, string from, string to) =>
        $"UPDATE {Qualify(table, schema)} SET version_num={StringLiteral(to)} WHERE {Qualify(table, schema)}.version_num = {StringLiteral(from)}";

    public virtual SqlStatement DeleteVersion(string table, string? schema, string version) =>
        $"DELETE FROM {Qualify(table, schema)} WHERE {Qualify(table, schema)}.version_num = {StringLiteral(version)}";

    public virtual SqlStatement DeleteAllVersions(string table, string? schema) => $"DELETE FROM {Qualify(table, schema)}";
}
