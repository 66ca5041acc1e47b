using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests;

// A shop and a blog in one model, using what EF Core maps to tables: keys (identity, composite, Guid), alternate
// keys, required/optional relationships with each delete action, indexes (unique, composite, filtered), check
// constraints, defaults (values and SQL), precision and lengths, comments, TPH, TPT, TPC, owned types (table
// splitting and their own table), a many-to-many join table, a computed column, a collation, a descending index,
// and on PostgreSQL index method, INCLUDE, operator class and collation, a sequence behind a column default, hi-lo
// keys and TPC with integer keys.

public class Blog
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Url { get; set; }
    public int Rating { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Post> Posts { get; set; } = [];
}

public class Post
{
    public int Id { get; set; }
    public int BlogId { get; set; }
    public Blog Blog { get; set; } = null!;
    public int? AuthorId { get; set; }
    public Author? Author { get; set; }
    public string Title { get; set; } = "";
    public string? Slug { get; set; }
    public string Status { get; set; } = "";
    public bool IsPublished { get; set; }
    public List<Tag> Tags { get; set; } = [];
}

public class Tag
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public List<Post> Posts { get; set; } = [];
}

public class Author
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public Address HomeAddress { get; set; } = new();
    public List<SocialLink> Links { get; set; } = [];
}

/// <summary>Owned, stored in the Authors table (table splitting).</summary>
public class Address
{
    public string? Street { get; set; }
    public string? City { get; set; }
}

/// <summary>Owned collection: its own table keyed by the owner.</summary>
public class SocialLink
{
    public string Network { get; set; } = "";
    public string Handle { get; set; } = "";
}

/// <summary>TPH: one People table with a discriminator.</summary>
public abstract class Person
{
    public int Id { get; set; }
    public string FullName { get; set; } = "";
}

public class Employee : Person
{
    public decimal Salary { get; set; }
}

public class Customer : Person
{
    public string? LoyaltyCode { get; set; }
}

/// <summary>TPT: Vehicles plus one table per subtype sharing its key.</summary>
public class Vehicle
{
    public int Id { get; set; }
    public string Make { get; set; } = "";
}

public class Car : Vehicle
{
    public int Seats { get; set; }
}

public class Truck : Vehicle
{
    public double PayloadTons { get; set; }
}

/// <summary>TPC: no Shapes table, one complete table per concrete type (Guid keys need no shared sequence).</summary>
public abstract class Shape
{
    public Guid Id { get; set; }
    public string Color { get; set; } = "";
}

public class Circle : Shape
{
    public double Radius { get; set; }
}

public class Square : Shape
{
    public double Side { get; set; }
}

public class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public string? Notes { get; set; }
    public string? Barcode { get; set; }
}

public class Order
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
    public DateTime PlacedAt { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>Composite key; restrict delete towards products.</summary>
public class OrderLine
{
    public long OrderId { get; set; }
    public int LineNo { get; set; }
    public int ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public int Quantity { get; set; }
}

/// <summary>TPC with integer keys: the tables share EF's key sequence (PostgreSQL only; SQLite has no sequences).</summary>
public abstract class Payment
{
    public int Id { get; set; }
    public decimal Amount { get; set; }
}

public class CardPayment : Payment
{
    public string Last4 { get; set; } = "";
}

public class CashPayment : Payment
{
    public string? Till { get; set; }
}

/// <summary>A stored computed column, a collation, a descending index; numbered from a sequence on PostgreSQL.</summary>
public class Invoice
{
    public int Id { get; set; }
    public int Number { get; set; }
    public decimal Net { get; set; }
    public decimal Gross { get; set; }
    public string Customer { get; set; } = "";
}

/// <summary>The first version of the model.</summary>
public class ShopContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The second version (<see cref="ShopContextV2"/>) changes the model here.</summary>
    protected virtual bool V2 => false;

    public DbSet<Blog> Blogs => Set<Blog>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Invoice> Invoices => Set<Invoice>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // SQLite has no sequences.
        var postgres = Database.IsNpgsql();
        if (postgres) b.HasSequence<int>("InvoiceNumbers").StartsAt(1000).IncrementsBy(10);
        if (postgres && V2) b.HasSequence<long>("TicketNumbers");
        if (postgres)
        {
            b.Entity<Payment>().UseTpcMappingStrategy().Property(x => x.Amount).HasPrecision(10, 2);
            b.Entity<CardPayment>().ToTable("CardPayments").Property(x => x.Last4).HasMaxLength(4).IsFixedLength();
            b.Entity<CashPayment>().ToTable("CashPayments");
        }
        b.Entity<Invoice>(e =>
        {
            if (postgres) e.Property(x => x.Number).HasDefaultValueSql("nextval('\"InvoiceNumbers\"')");
            e.Property(x => x.Net).HasPrecision(12, 2);
            e.Property(x => x.Gross).HasPrecision(12, 2).HasComputedColumnSql("\"Net\" * 1.2", stored: true);
            // SQLite's collations are BINARY, NOCASE and RTRIM.
            e.Property(x => x.Customer).HasMaxLength(80).UseCollation(postgres ? "C" : "NOCASE");
            e.HasIndex(x => x.Net).IsDescending();
            if (postgres)
            {
                // Npgsql's index options.
                e.HasIndex(x => x.Number).IsUnique().IncludeProperties(x => x.Net);
                e.HasIndex(x => x.Customer, "IX_Invoices_Customer_Hash").HasMethod("hash");
                e.HasIndex(x => x.Customer, "IX_Invoices_Customer_Pattern").HasOperators("varchar_pattern_ops");
                e.HasIndex(x => x.Customer, "IX_Invoices_Customer_Posix").UseCollation("POSIX");
            }
        });
        b.Entity<Blog>(e =>
        {
            e.ToTable(t => t.HasComment("Blogs the shop publishes"));
            e.Property(x => x.Name).HasMaxLength(200).HasComment("Shown in the header");
            e.Property(x => x.Rating).HasDefaultValue(3);
            e.Property(x => x.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Post>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Status).HasMaxLength(20).HasDefaultValue("draft");
            e.HasIndex(x => x.Slug).IsUnique().HasFilter("\"Slug\" IS NOT NULL");
            e.HasIndex(x => new { x.BlogId, x.IsPublished });
            e.ToTable(t => t.HasCheckConstraint("CK_Posts_Title", "length(\"Title\") > 0"));
            e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(V2 ? DeleteBehavior.Restrict : DeleteBehavior.SetNull);
            e.HasMany(x => x.Tags).WithMany(x => x.Posts);
        });
        b.Entity<Tag>(e =>
        {
            e.Property(x => x.Label).HasMaxLength(50);
            e.HasAlternateKey(x => x.Label);
            // Keys allocated client-side from a hi-lo sequence.
            if (postgres) e.Property(x => x.Id).UseHiLo("TagIds");
        });
        b.Entity<Author>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.OwnsOne(x => x.HomeAddress, a =>
            {
                a.Property(x => x.Street).HasMaxLength(200);
                a.Property(x => x.City).HasMaxLength(100);
            });
            e.OwnsMany(x => x.Links, l =>
            {
                l.ToTable("AuthorLinks");
                l.Property(x => x.Network).HasMaxLength(30);
                l.Property(x => x.Handle).HasMaxLength(100);
            });
        });
        b.Entity<Person>(e =>
        {
            e.ToTable("People");
            e.HasDiscriminator<string>("Kind").HasValue<Employee>("employee").HasValue<Customer>("customer");
            e.Property("Kind").HasMaxLength(20);
            e.Property(x => x.FullName).HasMaxLength(150);
        });
        b.Entity<Employee>().Property(x => x.Salary).HasPrecision(12, 2);
        b.Entity<Customer>().Property(x => x.LoyaltyCode).HasMaxLength(16);
        b.Entity<Vehicle>().UseTptMappingStrategy().ToTable("Vehicles");
        b.Entity<Car>().ToTable("Cars");
        b.Entity<Truck>().ToTable("Trucks");
        b.Entity<Shape>().UseTpcMappingStrategy();
        b.Entity<Circle>().ToTable("Circles");
        b.Entity<Square>().ToTable("Squares");
        b.Entity<Product>(e =>
        {
            e.Property(x => x.Sku).HasMaxLength(32).IsFixedLength(false);
            e.Property(x => x.Name).HasMaxLength(120);
            if (V2) e.Property(x => x.Name).HasColumnName("Title");
            e.Property(x => x.Price).HasPrecision(10, 2);
            e.HasIndex(x => x.Sku).IsUnique();
            // Version 2 drops Notes, adds Barcode, and indexes it.
            if (V2)
            {
                e.Ignore(x => x.Notes);
                e.Property(x => x.Barcode).HasMaxLength(64);
                e.HasIndex(x => x.Barcode);
            }
            else e.Ignore(x => x.Barcode);
        });
        b.Entity<Order>(e =>
        {
            e.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
        });
        b.Entity<OrderLine>(e =>
        {
            e.HasKey(x => new { x.OrderId, x.LineNo });
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The second version: Product.Name renamed to Title, Notes dropped, Barcode added and indexed, and the
/// Post → Author relationship restricts deletes instead of clearing the key; on PostgreSQL a sequence is added.</summary>
public class ShopContextV2(DbContextOptions options) : ShopContext(options)
{
    protected override bool V2 => true;
}
