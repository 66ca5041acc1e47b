using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests;

/// <summary>
/// EF Core's SQLite provider declares only a storage class (TEXT, INTEGER, REAL, BLOB) and converts values itself, so
/// a column that Retort's portable types created (VARCHAR(200), BOOLEAN, DATETIME) serves the model as well as EF's own
/// DDL does. The reference is EF's <c>GenerateCreateScript</c> on a second SQLite file: check must call a column the
/// same exactly when SQLite stores EF's values in it as in EF's column (<c>typeof</c> and <c>quote</c> of each value).
/// </summary>
public class SqliteValueStorageTests
{
    /// <summary>The declared types Retort's SQLite dialect writes for the portable type of each property.</summary>
    private static readonly Dictionary<string, SqlType> Portable = new()
    {
        ["Title"] = SqlType.String(200),
        ["Done"] = SqlType.Boolean(),
        ["CreatedAt"] = SqlType.DateTime(),
        ["Due"] = SqlType.DateTimeOffset(),
        ["Key"] = SqlType.Uuid(),
        ["Count"] = SqlType.BigInt(),
        ["Ratio"] = SqlType.Double(),
        ["Data"] = SqlType.Binary(),
    };

    [Fact]
    public async Task Columns_of_the_affinity_EF_declares_are_no_drift_and_store_EFs_values_as_EFs_own_columns_do()
    {
        await using var ef = await EfDatabase.CreateAsync("sqlite");
        await using var retort = await EfDatabase.CreateAsync("sqlite");
        var script = await CreateFromEfScriptAsync(ef);
        Assert.Contains("\"Title\" TEXT NOT NULL", script); // what EF itself declares

        var dialect = Retort.Dialects.DatabaseProviders.Get("sqlite").Dialect;
        var declared = Portable.ToDictionary(p => p.Key, p => dialect.TypeToSql(p.Value));
        Assert.Equal("VARCHAR(200)", declared["Title"]);
        Assert.Equal("BOOLEAN", declared["Done"]);
        Assert.Equal("DATETIME", declared["CreatedAt"]);
        await ExecAsync(retort, Redeclare(script, declared));

        using var project = new RevisionProject(retort.Url);
        Assert.Empty(await project.CheckAsync(EfCoreModel.From<StoredLedgerContext>(retort.Options())));
        Assert.Equal(await StoredAsync(ef), await StoredAsync(retort));
    }

    [Fact]
    public async Task A_column_whose_affinity_would_change_EFs_values_is_reported_and_does_store_them_differently()
    {
        await using var ef = await EfDatabase.CreateAsync("sqlite");
        await using var retort = await EfDatabase.CreateAsync("sqlite");
        var script = await CreateFromEfScriptAsync(ef);
        // DECIMAL (NUMERIC affinity) turns EF's decimal text '12.5' into a number, INTEGER the string '0042' into 42,
        // NUMERIC the double 2.0 into the integer 2.
        await ExecAsync(retort, Redeclare(script, new() { ["Amount"] = "DECIMAL(18,2)", ["Code"] = "INTEGER", ["Ratio"] = "NUMERIC" }));

        using var project = new RevisionProject(retort.Url);
        var drift = await project.CheckAsync(EfCoreModel.From<StoredLedgerContext>(retort.Options()));
        Assert.Equal(["modify type entries.Code: INTEGER -> TEXT", "modify type entries.Ratio: NUMERIC -> REAL", "modify type entries.Amount: DECIMAL(18,2) -> TEXT"], drift);

        var efRows = await StoredAsync(ef);
        var retortRows = await StoredAsync(retort);
        Assert.Equal("text '12.5'", efRows["Amount"]);
        Assert.Equal("real 12.5", retortRows["Amount"]);
        Assert.Equal("text '0042'", efRows["Code"]);
        Assert.Equal("integer 42", retortRows["Code"]);
        Assert.Equal("real 2.0", efRows["Ratio"]);
        Assert.Equal("integer 2", retortRows["Ratio"]);
    }

    private static async Task<string> CreateFromEfScriptAsync(EfDatabase db)
    {
        await using var context = new StoredLedgerContext(db.Options());
        var script = context.Database.GenerateCreateScript();
        await ExecAsync(db, script);
        return script;
    }

    /// <summary>EF's script with the named columns declared otherwise (everything else, keys and names, as EF wrote it).</summary>
    private static string Redeclare(string script, Dictionary<string, string> types)
    {
        foreach (var (column, type) in types)
        {
            var declaration = new Regex($"\"{column}\" (TEXT|INTEGER|REAL|BLOB)\\b");
            Assert.Matches(declaration, script);
            script = declaration.Replace(script, $"\"{column}\" {type}");
        }
        return script;
    }

    /// <summary>One row written by EF, read back per column as SQLite stores it.</summary>
    private static async Task<Dictionary<string, string>> StoredAsync(EfDatabase db)
    {
        await using (var context = new StoredLedgerContext(db.Options()))
        {
            context.Entries.Add(new StoredLedgerEntry
            {
                Title = "rent", Code = "0042", Done = true, CreatedAt = new DateTime(2026, 12, 8, 10, 30, 0), Due = new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.FromHours(1)),
                Key = Guid.Parse("6f1c2d3e-0000-4000-8000-00000000002a"), Count = 7, Ratio = 2.0, Amount = 12.50m, Data = [1, 2, 3],
            });
            await context.SaveChangesAsync();
        }
        await using var c = await db.OpenAsync();
        var rows = new Dictionary<string, string>();
        foreach (var column in new[] { "Id", "Title", "Code", "Done", "CreatedAt", "Due", "Key", "Count", "Ratio", "Amount", "Data" })
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT typeof(\"{column}\") || ' ' || quote(\"{column}\") FROM entries";
            rows[column] = (string)(await cmd.ExecuteScalarAsync())!;
        }
        return rows;
    }

    private static async Task ExecAsync(EfDatabase db, string sql)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}

public class StoredLedgerEntry
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Code { get; set; } = "";
    public bool Done { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTimeOffset Due { get; set; }
    public Guid Key { get; set; }
    public long Count { get; set; }
    public double Ratio { get; set; }
    public decimal Amount { get; set; }
    public byte[] Data { get; set; } = [];
}

public class StoredLedgerContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredLedgerEntry> Entries => Set<StoredLedgerEntry>();

    protected override void OnModelCreating(ModelBuilder b) => b.Entity<StoredLedgerEntry>(e =>
    {
        e.ToTable("entries");
        e.Property(x => x.Title).HasMaxLength(200);
    });
}
