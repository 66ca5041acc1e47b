// The Ordering model of dotnet/eShop (https://github.com/dotnet/eShop, commit 5624ad564d1602a927879df32a79b94522eb6101):
// the entity classes of src/Ordering.Domain and src/IntegrationEventLogEF with their mapped members as upstream has
// them (constructors, domain behaviour and MediatR events cut: they do not affect the model), and the entity
// configurations of src/Ordering.Infrastructure/EntityConfigurations and OrderingContext.OnModelCreating verbatim.
//
// MIT License
//
// Copyright (c) .NET Foundation and Contributors
//
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
// documentation files (the "Software"), to deal in the Software without restriction, including without limitation
// the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
// permit persons to whom the Software is furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of
// the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
// WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
// COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
// OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#nullable disable
#pragma warning disable CS0169, CS0649 // upstream's private fields are mapped by EF, never assigned in this copy
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Retort.EntityFrameworkCore.Tests.EShop;

public abstract class Entity
{
    private int _Id;

    public virtual int Id
    {
        get => _Id;
        protected set => _Id = value;
    }

    private List<object> _domainEvents;
    public IReadOnlyCollection<object> DomainEvents => _domainEvents?.AsReadOnly();
}

public abstract class ValueObject;

public class Buyer : Entity
{
    [Required]
    public string IdentityGuid { get; private set; }
    public string Name { get; private set; }
    private List<PaymentMethod> _paymentMethods = [];
    public IEnumerable<PaymentMethod> PaymentMethods => _paymentMethods.AsReadOnly();
}

public sealed class CardType
{
    public int Id { get; init; }
    public required string Name { get; init; }
}

public class PaymentMethod : Entity
{
    [Required]
    private string _alias;
    [Required]
    private string _cardNumber;
    private string _securityNumber;
    [Required]
    private string _cardHolderName;
    private DateTime _expiration;
    private int _cardTypeId;
    public CardType CardType { get; private set; }
}

public class Address : ValueObject
{
    public string Street { get; private set; }
    public string City { get; private set; }
    public string State { get; private set; }
    public string Country { get; private set; }
    public string ZipCode { get; private set; }
}

public enum OrderStatus
{
    Submitted = 1,
    AwaitingValidation = 2,
    StockConfirmed = 3,
    Paid = 4,
    Shipped = 5,
    Cancelled = 6,
}

public class Order : Entity
{
    public DateTime OrderDate { get; private set; }
    [Required]
    public Address Address { get; private set; }
    public int? BuyerId { get; private set; }
    public Buyer Buyer { get; }
    public OrderStatus OrderStatus { get; private set; }
    public string Description { get; private set; }
    private bool _isDraft;
    private readonly List<OrderItem> _orderItems = [];
    public IReadOnlyCollection<OrderItem> OrderItems => _orderItems.AsReadOnly();
    public int? PaymentId { get; private set; }
}

public class OrderItem : Entity
{
    [Required]
    public string ProductName { get; private set; }
    public string PictureUrl { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal Discount { get; private set; }
    public int Units { get; private set; }
    public int ProductId { get; private set; }
}

public class ClientRequest
{
    public Guid Id { get; set; }
    [Required]
    public string Name { get; set; }
    public DateTime Time { get; set; }
}

public enum EventStateEnum
{
    NotPublished = 0,
    InProgress = 1,
    Published = 2,
    PublishedFailed = 3,
}

public class IntegrationEventLogEntry
{
    private IntegrationEventLogEntry() { }
    public Guid EventId { get; private set; }
    [Required]
    public string EventTypeName { get; private set; }
    [NotMapped]
    public string EventTypeShortName => EventTypeName.Split('.')?.Last();
    public EventStateEnum State { get; set; }
    public int TimesSent { get; set; }
    public DateTime CreationTime { get; private set; }
    [Required]
    public string Content { get; private set; }
    public Guid TransactionId { get; private set; }
}

class BuyerEntityTypeConfiguration
    : IEntityTypeConfiguration<Buyer>
{
    public void Configure(EntityTypeBuilder<Buyer> buyerConfiguration)
    {
        buyerConfiguration.ToTable("buyers");
        buyerConfiguration.Ignore(b => b.DomainEvents);
        buyerConfiguration.Property(b => b.Id)
            .UseHiLo("buyerseq");
        buyerConfiguration.Property(b => b.IdentityGuid)
            .HasMaxLength(200);
        buyerConfiguration.HasIndex("IdentityGuid")
            .IsUnique(true);
        buyerConfiguration.HasMany(b => b.PaymentMethods)
            .WithOne();
    }
}

class CardTypeEntityTypeConfiguration
    : IEntityTypeConfiguration<CardType>
{
    public void Configure(EntityTypeBuilder<CardType> cardTypesConfiguration)
    {
        cardTypesConfiguration.ToTable("cardtypes");
        cardTypesConfiguration.Property(ct => ct.Id)
            .ValueGeneratedNever();
        cardTypesConfiguration.Property(ct => ct.Name)
            .HasMaxLength(200)
            .IsRequired();
    }
}

class ClientRequestEntityTypeConfiguration
    : IEntityTypeConfiguration<ClientRequest>
{
    public void Configure(EntityTypeBuilder<ClientRequest> requestConfiguration)
    {
        requestConfiguration.ToTable("requests");
    }
}

class OrderEntityTypeConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> orderConfiguration)
    {
        orderConfiguration.ToTable("orders");
        orderConfiguration.Ignore(b => b.DomainEvents);
        orderConfiguration.Property(o => o.Id)
            .UseHiLo("orderseq");
        orderConfiguration
            .OwnsOne(o => o.Address);
        orderConfiguration
            .Property(o => o.OrderStatus)
            .HasConversion<string>()
            .HasMaxLength(30);
        orderConfiguration
            .Property(o => o.PaymentId)
            .HasColumnName("PaymentMethodId");
        orderConfiguration.HasOne<PaymentMethod>()
            .WithMany()
            .HasForeignKey(o => o.PaymentId)
            .OnDelete(DeleteBehavior.Restrict);
        orderConfiguration.HasOne(o => o.Buyer)
            .WithMany()
            .HasForeignKey(o => o.BuyerId);
    }
}

class OrderItemEntityTypeConfiguration
    : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> orderItemConfiguration)
    {
        orderItemConfiguration.ToTable("orderItems");
        orderItemConfiguration.Ignore(b => b.DomainEvents);
        orderItemConfiguration.Property(o => o.Id)
            .UseHiLo("orderitemseq");
        orderItemConfiguration.Property<int>("OrderId");
    }
}

class PaymentMethodEntityTypeConfiguration
    : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> paymentConfiguration)
    {
        paymentConfiguration.ToTable("paymentmethods");
        paymentConfiguration.Ignore(b => b.DomainEvents);
        paymentConfiguration.Property(b => b.Id)
            .UseHiLo("paymentseq");
        paymentConfiguration.Property<int>("BuyerId");
        paymentConfiguration
            .Property("_cardHolderName")
            .HasColumnName("CardHolderName")
            .HasMaxLength(200);
        paymentConfiguration
            .Property("_alias")
            .HasColumnName("Alias")
            .HasMaxLength(200);
        paymentConfiguration
            .Property("_cardNumber")
            .HasColumnName("CardNumber")
            .HasMaxLength(25)
            .IsRequired();
        paymentConfiguration
            .Property("_expiration")
            .HasColumnName("Expiration")
            .HasMaxLength(25);
        paymentConfiguration
            .Property("_cardTypeId")
            .HasColumnName("CardTypeId");
        paymentConfiguration.HasOne(p => p.CardType)
            .WithMany()
            .HasForeignKey("_cardTypeId");
    }
}

/// <summary>eShop's OrderingContext as upstream configures it: everything in the default schema "ordering".</summary>
public class OrderingContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Order> Orders { get; set; }
    public DbSet<OrderItem> OrderItems { get; set; }
    public DbSet<PaymentMethod> Payments { get; set; }
    public DbSet<Buyer> Buyers { get; set; }
    public DbSet<CardType> CardTypes { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("ordering");
        modelBuilder.ApplyConfiguration(new ClientRequestEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new PaymentMethodEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OrderEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OrderItemEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new CardTypeEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new BuyerEntityTypeConfiguration());
        // IntegrationLogExtensions.UseIntegrationEventLogs (src/IntegrationEventLogEF)
        modelBuilder.Entity<IntegrationEventLogEntry>(builder =>
        {
            builder.ToTable("IntegrationEventLog");
            builder.HasKey(e => e.EventId);
        });
    }
}
