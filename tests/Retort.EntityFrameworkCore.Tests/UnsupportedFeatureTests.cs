using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests;

public class Invoice
{
    public int Id { get; set; }
    public int Number { get; set; }
    public decimal Net { get; set; }
    public decimal Gross { get; set; }
    public string Customer { get; set; } = "";
}

/// <summary>A sequence, which Retort's schema model has no field for yet, beside a computed column, a collation and a
/// descending index, which it carries.</summary>
public class LedgerContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasSequence<int>("InvoiceNumbers").StartsAt(1000);
        b.Entity<Invoice>(e =>
        {
            e.Property(x => x.Number).HasDefaultValueSql("nextval('\"InvoiceNumbers\"')");
            e.Property(x => x.Gross).HasComputedColumnSql("\"Net\" * 1.2", stored: true);
            e.Property(x => x.Customer).UseCollation("C");
            e.HasIndex(x => x.Net).IsDescending();
        });
    }
}

public class UnsupportedFeatureTests
{
    private static DbContextOptions Postgres() =>
        new DbContextOptionsBuilder().UseNpgsql("Host=127.0.0.1;Database=unused").Options;

    [Fact]
    public void What_the_schema_model_cannot_carry_is_named_not_dropped()
    {
        var e = Assert.Throws<RetortException>(() => EfCoreModel.From<LedgerContext>(Postgres()));
        Assert.StartsWith("The EF Core model of LedgerContext uses what Retort's schema model cannot express yet: ", e.Message);
        Assert.True(e.Message.Contains("sequence InvoiceNumbers"), e.Message);
        Assert.True(e.Message.Contains("sequence InvoiceNumbers. Pass"), e.Message);
        Assert.EndsWith("Pass ignoreUnsupported: true to compare without them (autogenerate will not create them).", e.Message);
    }

    [Fact]
    public void IgnoreUnsupported_reads_the_rest()
    {
        var schema = EfCoreModel.From<LedgerContext>(Postgres(), ignoreUnsupported: true);
        var invoices = Assert.Single(schema.Tables);
        Assert.Equal(["Id", "Number", "Net", "Gross", "Customer"], invoices.Columns.Select(c => c.Name));
        Assert.Equal("(nextval('\"InvoiceNumbers\"'))", invoices.Column("Number")!.ServerDefault);
        Assert.True(invoices.Column("Id")!.Autoincrement);
        // Npgsql maps decimal to bare numeric, which no portable type spells: kept verbatim.
        Assert.Equal("numeric", invoices.Column("Net")!.Type.CustomByDialect!["postgresql"]);
        var index = Assert.Single(invoices.Indexes);
        Assert.Equal("IX_Invoices_Net", index.Name);
        Assert.True(Assert.Single(index.KeyParts).Descending);
        Assert.Equal(new ComputedColumn("\"Net\" * 1.2") { Stored = true }, invoices.Column("Gross")!.Computed);
        Assert.Equal("C", invoices.Column("Customer")!.Collation);
    }

    [Fact]
    public void The_Retort_provider_is_found_by_the_EF_providers_connection_type()
    {
        Assert.Equal("postgresql", EfCoreModel.ProviderFor(typeof(Npgsql.NpgsqlConnection))?.Name);
        Assert.Equal("sqlite", EfCoreModel.ProviderFor(typeof(Microsoft.Data.Sqlite.SqliteConnection))?.Name);
        Assert.Null(EfCoreModel.ProviderFor(typeof(System.Data.Common.DbConnection)));
    }
}
