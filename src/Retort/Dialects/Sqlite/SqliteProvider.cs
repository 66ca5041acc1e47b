using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Retort.Dialects.Sqlite;

/// <summary>SQLite through Microsoft.Data.Sqlite: <c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>, <c>sqlite://</c> (in memory).</summary>
public class SqliteProvider : DatabaseProvider
{
    private static readonly ProviderCapabilities Caps = new()
    {
        TransactionalDdl = true,
        NativeDropColumn = false,
        AlterAddConstraint = false,
        PartialIndexes = true,
        KeepsDeclaredTypeText = true,
    };

    public override string Name => "sqlite";

    public override ProviderCapabilities Capabilities => Caps;

    public override IMigrationLock? MigrationLock { get; } = new SqliteMigrationLock();

    /// <summary>SQLite makes the file when it first connects.</summary>
    public override bool CreatesDatabaseOnConnect => true;

    protected override SqlDialect CreateDialect() => new SqliteDialect(this);

    protected override TypeMapping CreateTypeMapping() => new SqliteTypeMapping();

    public override SchemaReflector? CreateReflector() => new SqliteReflector(Types);

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override string WithoutPooling(string connectionString) => new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>sqlite:// and sqlite:///:memory: are in-memory; sqlite:///rel.db is relative; sqlite:////abs.db absolute.</summary>
    public override string BuildConnectionString(ConnectionUrl url)
    {
        var cs = FileConnectionString(url);
        // As in Alembic (Python's sqlite3 leaves them off): migrations run without enforced foreign keys, because a
        // table rebuild's DROP TABLE would otherwise fire ON DELETE actions; the rebuild checks the keys itself.
        return cs.Contains("foreign keys", StringComparison.OrdinalIgnoreCase) || cs == "Data Source=:memory:" ? cs : cs + ";Foreign Keys=False";
    }

    /// <summary>The SQLite rules for a file URL, for providers built on SQLite files.</summary>
    public static string FileConnectionString(ConnectionUrl url)
    {
        var rest = url.Rest;
        if (rest.Length == 0 || rest == "/:memory:") return "Data Source=:memory:";
        if (!rest.StartsWith('/'))
            throw new RetortException($"Bad SQLite URL '{url.Scheme}://{rest}': use {url.Scheme}:///relative.db, {url.Scheme}:////absolute.db or {url.Scheme}://.");
        var query = "";
        var q = rest.IndexOf('?');
        if (q >= 0) { query = rest[(q + 1)..]; rest = rest[..q]; }
        var path = rest[1..];
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(url.BaseDirectory, path));
        var cs = "Data Source=" + full;
        if (query.Length > 0) cs += ";" + query.Replace('&', ';');
        return cs;
    }
}
