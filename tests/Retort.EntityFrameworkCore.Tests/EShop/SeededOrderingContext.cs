using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests.EShop;

/// <summary>
/// eShop's Ordering model plus what its deployment does outside the model: the card types OrderingContextSeed
/// (src/Ordering.API/Infrastructure) inserts, as HasData, and the idempotency requests moved to a second schema.
/// </summary>
public class SeededOrderingContext(DbContextOptions options) : OrderingContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ClientRequest>().ToTable("requests", "idempotency");
        modelBuilder.Entity<CardType>().HasData(SeedCardTypes);
    }

    protected virtual CardType[] SeedCardTypes =>
    [
        new() { Id = 1, Name = "Amex" },
        new() { Id = 2, Name = "Visa" },
        new() { Id = 3, Name = "MasterCard" },
    ];
}

/// <summary>The seed changed: one renamed, one removed, one added.</summary>
public class ReseededOrderingContext(DbContextOptions options) : SeededOrderingContext(options)
{
    protected override CardType[] SeedCardTypes =>
    [
        new() { Id = 1, Name = "American Express" },
        new() { Id = 2, Name = "Visa" },
        new() { Id = 4, Name = "Discover" },
    ];
}
