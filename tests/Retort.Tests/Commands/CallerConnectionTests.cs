using Retort.Commands;
using Retort.Configuration;
using Retort.Schema;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Commands;

/// <summary>
/// RetortConfig.Connection/Transaction: a test fixture hands Retort its own open connection (and transaction);
/// upgrade, downgrade, current and check run on it, and Retort never opens, commits, rolls back or closes it. Uses
/// the two revisions compiled into this assembly (LibraryModeTests).
/// </summary>
public class CallerConnectionTests
{
    private static RetortCommands On(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, object? model = null) =>
        new(new RetortConfig
        {
            BaseDirectory = Path.GetTempPath(),
            RevisionAssembly = typeof(AppRevisions.CreateNotes).Assembly,
            Connection = connection,
            Transaction = transaction,
            TargetModel = model,
        }, TextWriter.Null);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Commands_run_inside_the_callers_transaction_and_leave_it_to_the_caller(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await using var connection = await OpenAsync(db);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var commands = On(connection, transaction);
            await commands.UpgradeAsync("head");
            Assert.Equal(["app000000002"], await commands.CurrentAsync());
            await commands.DowngradeAsync("app000000001");
            Assert.Equal(["app000000001"], await commands.CurrentAsync());
            // Retort did not commit: another connection sees nothing yet (SQLite: the writer's lock says so).
            Assert.Equal(System.Data.ConnectionState.Open, connection.State);
            if (dialect == "postgresql") Assert.Empty(await db.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
            await transaction.RollbackAsync();
        }
        // The caller rolled back: no table, no version row; the connection is still open and usable.
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.Empty(await TablesAsync(db));
        var again = On(connection, null);
        Assert.Empty(await again.CurrentAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Without_a_transaction_Retort_commits_its_own_and_check_reads_the_connection(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await using var connection = await OpenAsync(db);
        var model = new MetaData();
        var commands = On(connection, null, model);
        Assert.Empty(await commands.CheckAsync());
        await commands.UpgradeAsync("head");
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        // Committed: another connection sees the tables.
        Assert.Equal(["notes", "retort_version", "retort_version_history"], await TablesAsync(db));
        var diffs = await commands.CheckAsync();
        Assert.Contains(diffs, d => d.Description.Contains("notes", StringComparison.Ordinal));
        await commands.DowngradeAsync("base");
        Assert.Empty(await commands.CurrentAsync());
        Assert.Equal(["retort_version", "retort_version_history"], await TablesAsync(db));

        await connection.CloseAsync();
        var closed = await Assert.ThrowsAsync<RetortException>(() => commands.CurrentAsync());
        Assert.Equal("RetortConfig.Connection is not open: open it first (Retort neither opens nor closes a caller's connection).", closed.Message);
    }

    /// <summary>
    /// SQLite: as Retort opens its own, without enforced foreign keys, which a table rebuild (dropping a column here)
    /// inside the caller's transaction needs; the other databases as they come.
    /// </summary>
    private static async Task<System.Data.Common.DbConnection> OpenAsync(TestDatabase db)
    {
        if (db.Dialect.Name != "sqlite") return await db.OpenAsync();
        var connection = db.Dialect.CreateConnection(db.ConnectionString + ";Foreign Keys=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> TablesAsync(TestDatabase db) =>
        (await db.QueryAsync(db.Dialect.Name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).ToList();
}
