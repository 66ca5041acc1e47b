using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests;

public class LedgerInvoice
{
    public int Id { get; set; }
    public int Number { get; set; }
    public decimal Net { get; set; }
    public string Customer { get; set; } = "";
}

/// <summary>
/// What Retort's schema model has no field for yet, beside what it carries (a schema to create is carried): an extension, and
/// NULLS NOT DISTINCT and CREATE INDEX CONCURRENTLY (PostgreSQL); a sequence where the database has none (SQLite).
/// </summary>
public class LedgerContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LedgerInvoice> Invoices => Set<LedgerInvoice>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasSequence<int>("InvoiceNumbers").StartsAt(1000);
        if (Database.IsNpgsql()) b.HasPostgresExtension("citext");
        b.Entity<LedgerInvoice>(e =>
        {
            e.ToTable("Invoices", Database.IsNpgsql() ? "ledger" : null);
            e.Property(x => x.Number).HasDefaultValueSql(Database.IsNpgsql() ? "nextval('\"InvoiceNumbers\"')" : null);
            e.Property(x => x.Net).HasPrecision(12, 2);
            var index = e.HasIndex(x => x.Customer);
            if (Database.IsNpgsql()) index.AreNullsDistinct(false);
            if (Database.IsNpgsql()) e.HasIndex(x => x.Number).IsCreatedConcurrently();
        });
    }
}

public class UnsupportedFeatureTests
{
    private static DbContextOptions Postgres() =>
        new DbContextOptionsBuilder().UseNpgsql("Host=127.0.0.1;Database=unused").Options;

    private static DbContextOptions Sqlite() =>
        new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options;

    [Fact]
    public void What_the_schema_model_cannot_carry_is_named_not_dropped()
    {
        var e = Assert.Throws<RetortException>(() => EfCoreModel.From<LedgerContext>(Postgres()));
        Assert.Equal("The EF Core model of LedgerContext uses what Retort's schema model cannot express yet: "
                     + "database annotation Npgsql:PostgresExtension:citext; "
                     + "index IX_Invoices_Customer on ledger.Invoices: Npgsql:NullsDistinct = False; "
                     + "index IX_Invoices_Number on ledger.Invoices: Npgsql:CreatedConcurrently = True. "
                     + "Pass ignoreUnsupported: true to compare without them (autogenerate will not create them).", e.Message);
    }

    [Fact]
    public void A_sequence_is_refused_where_the_database_has_none()
    {
        var e = Assert.Throws<RetortException>(() => EfCoreModel.From<LedgerContext>(Sqlite()));
        Assert.Equal("The EF Core model of LedgerContext uses what Retort's schema model cannot express yet: sequence InvoiceNumbers (sqlite has no sequences). "
                     + "Pass ignoreUnsupported: true to compare without them (autogenerate will not create them).", e.Message);
    }

    [Fact]
    public void IgnoreUnsupported_reads_the_rest()
    {
        var schema = EfCoreModel.From<LedgerContext>(Postgres(), ignoreUnsupported: true);
        var invoices = Assert.Single(schema.Tables);
        Assert.Equal("ledger", invoices.Schema);
        Assert.Equal(["Id", "Number", "Net", "Customer"], invoices.Columns.Select(c => c.Name));
        Assert.Equal("(nextval('\"InvoiceNumbers\"'))", invoices.Column("Number")!.ServerDefault);
        Assert.True(invoices.Column("Id")!.Autoincrement);
        Assert.Equal(SqlType.Decimal(12, 2), invoices.Column("Net")!.Type);
        // Npgsql maps string to bare text, which Retort's portable Text spells the same way.
        Assert.Equal(SqlTypeKind.Text, invoices.Column("Customer")!.Type.Kind);
        Assert.Equal(["IX_Invoices_Customer", "IX_Invoices_Number"], invoices.Indexes.Select(i => i.Name));
        var sequence = Assert.Single(schema.Sequences);
        Assert.Equal(new Retort.Ops.SequenceDefinition("InvoiceNumbers") { DataType = "integer", Start = 1000 }, sequence);
    }

    [Fact]
    public void A_sequence_keeps_what_HasSequence_chose()
    {
        var options = new DbContextOptionsBuilder<SequenceContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options;
        var schema = EfCoreModel.From<SequenceContext>(options);
        Assert.Equal(
            [
                new Retort.Ops.SequenceDefinition("Countdown") { DataType = "smallint", Start = 90, Increment = -5, MinValue = 0, MaxValue = 100, Cycle = true },
                new Retort.Ops.SequenceDefinition("Tickets"),
            ],
            schema.Sequences.OrderBy(s => s.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Hi_lo_keys_are_plain_columns_beside_EFs_hi_lo_sequence()
    {
        var options = new DbContextOptionsBuilder<HiLoContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options;
        var schema = EfCoreModel.From<HiLoContext>(options);
        var id = Assert.Single(schema.Tables).Column("Id")!;
        Assert.False(id.Autoincrement);
        Assert.Null(id.ServerDefault);
        Assert.Equal(new Retort.Ops.SequenceDefinition("EntityFrameworkHiLoSequence") { Increment = 10 }, Assert.Single(schema.Sequences));
    }

    [Fact]
    public void The_Retort_provider_is_found_by_the_EF_providers_connection_type()
    {
        Assert.Equal("postgresql", EfCoreModel.ProviderFor(typeof(Npgsql.NpgsqlConnection))?.Name);
        Assert.Equal("sqlite", EfCoreModel.ProviderFor(typeof(Microsoft.Data.Sqlite.SqliteConnection))?.Name);
        Assert.Null(EfCoreModel.ProviderFor(typeof(System.Data.Common.DbConnection)));
    }
}

/// <summary>Sequences with every option HasSequence takes, and one with none.</summary>
public class SequenceContext(DbContextOptions<SequenceContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasSequence<short>("Countdown").StartsAt(90).IncrementsBy(-5).HasMin(0).HasMax(100).IsCyclic();
        b.HasSequence("Tickets");
    }
}

/// <summary>Keys allocated client-side from EF's hi-lo sequence.</summary>
public class HiLoContext(DbContextOptions<HiLoContext> options) : DbContext(options)
{
    public DbSet<Tag> Tags => Set<Tag>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.UseHiLo();
        b.Entity<Tag>().Ignore(x => x.Posts);
    }
}
