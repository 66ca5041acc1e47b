using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Retort.EntityFrameworkCore.Tests.EShop;

/// <summary>
/// dotnet/eShop's Ordering model (default schema "ordering") with a second schema and HasData, on the real
/// PostgreSQL server: the revision Retort generates builds the catalog EF Core's own EnsureCreated builds, with the
/// seed rows; check then finds nothing, on that database and on the one EnsureCreated built; a changed seed becomes
/// row updates, inserts and deletes.
/// </summary>
public class EShopOrderingTests
{
    [Fact]
    public async Task Two_schemas_and_seed_rows_build_what_EnsureCreated_builds_and_check_is_clean()
    {
        await using var retort = await EfDatabase.CreateAsync("postgresql");
        await using var ef = await EfDatabase.CreateAsync("postgresql");
        using var project = new RevisionProject(retort.Url);

        var file = await project.AutogenerateAsync(EfCoreModel.From<SeededOrderingContext>(retort.Options()), "ordering");
        var code = File.ReadAllText(file);
        Assert.Contains("op.CreateSchema(\"idempotency\");", code);
        Assert.Contains("op.CreateSchema(\"ordering\");", code);
        Assert.Contains("op.InsertData(\"cardtypes\", [\"Id\", \"Name\"], [[1, \"Amex\"], [2, \"Visa\"], [3, \"MasterCard\"]], keyColumns: [\"Id\"], schema: \"ordering\");", code);
        Assert.Contains("op.DeleteData(\"cardtypes\", [\"Id\"], [[1], [2], [3]], schema: \"ordering\");", code);
        await project.UpgradeAsync();

        await using (var context = new SeededOrderingContext(ef.Options()))
            Assert.True(await context.Database.EnsureCreatedAsync());
        var expected = await CatalogSnapshot.TakeAsync(ef);
        Assert.Contains(expected, l => l.StartsWith("table idempotency.requests", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.StartsWith("sequence ordering.orderseq", StringComparison.Ordinal));
        var diff = CatalogSnapshot.Diff(expected, await CatalogSnapshot.TakeAsync(retort));
        Assert.True(diff.Count == 0, $"{diff.Count} catalog difference(s), - EnsureCreated only, + Retort only:\n" + string.Join("\n", diff));
        Assert.Equal(await CardTypesAsync(ef), await CardTypesAsync(retort));
        Assert.Equal(["1|Amex", "2|Visa", "3|MasterCard"], await CardTypesAsync(retort));

        // No `schemas` in the configuration: the schemas the model uses are read anyway.
        Assert.Empty(await project.CheckAsync(EfCoreModel.From<SeededOrderingContext>(retort.Options())));
        // And on the database EF Core built itself, with its own DDL and seed rows: nothing to do either.
        using var onEf = new RevisionProject(ef.Url);
        Assert.Empty(await onEf.CheckAsync(EfCoreModel.From<SeededOrderingContext>(ef.Options())));
    }

    [Fact]
    public async Task A_changed_seed_updates_inserts_and_deletes_rows_by_key_and_the_downgrade_restores_them()
    {
        await using var retort = await EfDatabase.CreateAsync("postgresql");
        using var project = new RevisionProject(retort.Url);
        await project.AutogenerateAsync(EfCoreModel.From<SeededOrderingContext>(retort.Options()), "ordering");
        await project.UpgradeAsync();

        var reseeded = EfCoreModel.From<ReseededOrderingContext>(retort.Options());
        Assert.Equal(["insert 1 seed row(s) into cardtypes", "update seed row 1 of cardtypes: Name", "delete 1 row(s) no longer seeded from cardtypes"],
            await project.CheckAsync(reseeded));
        var file = await project.AutogenerateAsync(reseeded, "reseed");
        Assert.Contains("op.UpdateData(\"cardtypes\", [\"Id\"], [1], [\"Name\"], [\"American Express\"], schema: \"ordering\");", File.ReadAllText(file));
        await project.UpgradeAsync();
        Assert.Equal(["1|American Express", "2|Visa", "4|Discover"], await CardTypesAsync(retort));
        Assert.Empty(await project.CheckAsync(reseeded));

        await project.DowngradeAsync("-1");
        Assert.Equal(["1|Amex", "2|Visa", "3|MasterCard"], await CardTypesAsync(retort));
        Assert.Empty(await project.CheckAsync(EfCoreModel.From<SeededOrderingContext>(retort.Options())));
    }

    private static async Task<List<string>> CardTypesAsync(EfDatabase db)
    {
        await using var c = (NpgsqlConnection)await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT \"Id\" || '|' || \"Name\" FROM ordering.cardtypes ORDER BY \"Id\"", c);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }
}
