using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Dialects;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate;

/// <summary>
/// On the real databases: tables referencing each other in a chain and a cycle (store ↔ staff, as in Sakila) are
/// created by autogenerate's Upgrade in an order that runs, match the model afterwards, and its Downgrade removes
/// them all again.
/// </summary>
public class DependencyOrderLiveTests
{
    private static Column Int(string name, bool pk = false) => new(name, SqlType.Integer()) { Nullable = false, PrimaryKey = pk };

    private static DatabaseSchema Model() => new MetaData()
        .Table("store", Int("store_id", pk: true), Int("manager_staff_id"), Int("address_id"),
            new ForeignKey("manager_staff_id", "staff", "staff_id") { Name = "fk_store_staff" },
            new ForeignKey("address_id", "address", "address_id") { Name = "fk_store_address" })
        .Table("staff", Int("staff_id", pk: true), Int("store_id"), Int("address_id"),
            new ForeignKey("store_id", "store", "store_id") { Name = "fk_staff_store" },
            new ForeignKey("address_id", "address", "address_id") { Name = "fk_staff_address" })
        .Table("customer", Int("customer_id", pk: true), Int("store_id"),
            new ForeignKey("store_id", "store", "store_id") { Name = "fk_customer_store", OnDelete = ReferentialAction.Cascade },
            new TableIndex("ix_customer_store_id", "store_id"))
        .Table("address", Int("address_id", pk: true), new Column("address", SqlType.String(50)))
        .ToSchema();

    public static TheoryData<string> Dialects() => new(TestDatabase.All);

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Upgrade_creates_in_dependency_order_and_downgrade_removes_everything(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var provider = DatabaseProviders.Get(dialect);
        var comparer = new SchemaComparer(provider);
        var model = Model();
        var diffs = comparer.Compare(model, await ReflectAsync(db, provider));
        foreach (var d in diffs) await OperationSpecTests.ApplyAsync(db, d.Upgrade);

        var live = await ReflectAsync(db, provider);
        Assert.Equal(["address", "customer", "staff", "store"], live.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Empty(comparer.Compare(model, live).Select(d => d.Description));

        foreach (var d in Enumerable.Reverse(diffs)) await OperationSpecTests.ApplyAsync(db, d.Downgrade);
        Assert.Empty((await ReflectAsync(db, provider)).Tables);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Dropping_a_column_drops_its_key_and_index_first_and_the_downgrade_restores_them(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var provider = DatabaseProviders.Get(dialect);
        var comparer = new SchemaComparer(provider);
        var full = Model();
        foreach (var d in comparer.Compare(full, await ReflectAsync(db, provider))) await OperationSpecTests.ApplyAsync(db, d.Upgrade);

        // The model without customer.store_id: its foreign key and index must go before the column.
        var slim = full with
        {
            Tables = full.Tables.Select(t => t.Name != "customer" ? t : t with
            {
                Columns = t.Columns.Where(c => c.Name != "store_id").ToList(), ForeignKeys = [], Indexes = [],
            }).ToList(),
        };
        var diffs = comparer.Compare(slim, await ReflectAsync(db, provider));
        Assert.Equal(
        [
            "remove foreign key fk_customer_store on customer",
            "remove index ix_customer_store_id on customer",
            "remove column customer.store_id",
        ], diffs.Select(d => d.Description).ToList());
        foreach (var d in diffs) await OperationSpecTests.ApplyAsync(db, d.Upgrade);
        Assert.Empty(comparer.Compare(slim, await ReflectAsync(db, provider)));

        foreach (var d in Enumerable.Reverse(diffs)) await OperationSpecTests.ApplyAsync(db, d.Downgrade);
        Assert.Empty(comparer.Compare(full, await ReflectAsync(db, provider)).Select(d => d.Description));
    }

    private static async Task<DatabaseSchema> ReflectAsync(TestDatabase db, DatabaseProvider provider)
    {
        await using var c = await db.OpenAsync();
        return await provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
    }
}
