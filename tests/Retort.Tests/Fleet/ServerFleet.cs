using Retort.Configuration;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Fleet;

/// <summary>Many fresh databases on one real server (PostgreSQL or MariaDB from the test servers), dropped on dispose.</summary>
public sealed class ServerFleet : IAsyncDisposable
{
    private readonly DatabaseUrl _admin;
    private readonly string _drop;

    private ServerFleet(DatabaseUrl admin, string adminUrl, string prefix, int count, string drop)
    {
        _admin = admin;
        _drop = drop;
        Prefix = prefix;
        Names = Enumerable.Range(1, count).Select(i => $"{prefix}{i:D2}").ToList();
        var slash = adminUrl.LastIndexOf('/');
        Urls = Names.Select(n => adminUrl[..(slash + 1)] + n).ToList();
        Password = adminUrl[(adminUrl.IndexOf("://", StringComparison.Ordinal) + 3)..adminUrl.IndexOf('@')].Split(':')[1];
    }

    /// <summary>Every database's name starts with this (for catalog queries about the fleet alone).</summary>
    public string Prefix { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Urls { get; }

    /// <summary>The server password in the URLs: it must show up in no output.</summary>
    public string Password { get; }

    public static async Task<ServerFleet> CreateAsync(string dialect, int count)
    {
        var variable = dialect == "postgresql" ? "RETORT_TEST_PG" : "RETORT_TEST_MYSQL";
        var adminUrl = TestDatabase.ServerUrl(variable);
        var admin = DatabaseUrl.Parse(adminUrl, null, "/");
        var prefix = "retort_f_" + Guid.NewGuid().ToString("N")[..8] + "_";
        var fleet = new ServerFleet(admin, adminUrl, prefix, count,
            dialect == "postgresql" ? "DROP DATABASE IF EXISTS {0} WITH (FORCE)" : "DROP DATABASE IF EXISTS {0}");
        await fleet.ExecuteEachAsync(n => $"CREATE DATABASE {n}");
        return fleet;
    }

    /// <summary>Runs statements on the server's admin database, one connection for all of them.</summary>
    public async Task ExecuteAsync(IEnumerable<string> statements)
    {
        await using var c = _admin.Provider.CreateConnection(_admin.Provider.WithoutPooling(_admin.ConnectionString));
        await c.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async Task<List<(string Key, long Count)>> QueryCountsAsync(string sql)
    {
        await using var c = _admin.Provider.CreateConnection(_admin.Provider.WithoutPooling(_admin.ConnectionString));
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await r.ReadAsync()) rows.Add((r.IsDBNull(0) ? "" : r.GetString(0), Convert.ToInt64(r.GetValue(1))));
        return rows;
    }

    /// <summary>One statement per database, over four admin connections at once (creating 50 databases one by one is slow).</summary>
    private Task ExecuteEachAsync(Func<string, string> statement) =>
        Task.WhenAll(Names.Select((n, i) => (n, i)).GroupBy(x => x.i % 4).Select(g => ExecuteAsync(g.Select(x => statement(x.n)).ToList())));

    public async ValueTask DisposeAsync() => await ExecuteEachAsync(n => string.Format(_drop, n));
}
