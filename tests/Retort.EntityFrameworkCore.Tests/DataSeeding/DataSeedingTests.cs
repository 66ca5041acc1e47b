using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests.DataSeeding;

/// <summary>
/// EF Core's own data-seeding model (HasData on entities, a foreign key, a many-to-many join entity and an owned type),
/// on a real SQLite file and on the real PostgreSQL server, where it also gets a default schema and a second one. The
/// reference is EF Core's own DDL: EnsureCreated on a second database. Retort's generated revision, applied, gives
/// the same catalog and the same rows; check is then 0 operations against the database Retort built and against the
/// one EF Core built.
/// </summary>
public class DataSeedingTests
{
    public static TheoryData<string> Dialects() => new(EfDatabase.All);

    /// <summary>Upstream's model with a default schema and one entity (and the join entity's keys to it) in a second schema.</summary>
    public class SchemaManagingDataContext(DbContextOptions options) : ManagingDataContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.HasDefaultSchema("geo");
            modelBuilder.Entity<Language>().ToTable("Languages", "lang");
        }
    }

    private static object Model(string dialect, EfDatabase db) => dialect == "postgresql"
        ? EfCoreModel.From<SchemaManagingDataContext>(db.Options())
        : EfCoreModel.From<ManagingDataContext>(db.Options());

    private static DbContext Context(string dialect, EfDatabase db) => dialect == "postgresql"
        ? new SchemaManagingDataContext(db.Options())
        : new ManagingDataContext(db.Options());

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Seeded_model_builds_what_EnsureCreated_builds_and_check_is_clean_on_both(string dialect)
    {
        await using var retort = await EfDatabase.CreateAsync(dialect);
        await using var ef = await EfDatabase.CreateAsync(dialect);
        using var project = new RevisionProject(retort.Url);

        var file = await project.AutogenerateAsync(Model(dialect, retort), "seeded");
        var code = File.ReadAllText(file);
        var (geo, lang) = dialect == "postgresql" ? (", schema: \"geo\"", ", schema: \"lang\"") : ("", "");
        Assert.Contains($"op.InsertData(\"Countries\", [\"CountryId\", \"Name\"], [[1, \"USA\"], [2, \"Canada\"], [3, \"Mexico\"]], keyColumns: [\"CountryId\"]{geo});", code);
        Assert.Contains($"op.DeleteData(\"LanguageCountry\", [\"LanguageId\", \"CountryId\"], [[1, 2], [2, 2], [3, 3]]{geo});", code);
        Assert.Contains("\"Details_PhonemesCount\"", code);
        if (dialect == "postgresql")
        {
            Assert.Contains("op.CreateSchema(\"geo\");", code);
            Assert.Contains("op.CreateSchema(\"lang\");", code);
            Assert.Contains(lang, code);
        }
        await project.UpgradeAsync();

        await using (var context = Context(dialect, ef))
            Assert.True(await context.Database.EnsureCreatedAsync());
        var expected = await CatalogSnapshot.TakeAsync(ef);
        var diff = CatalogSnapshot.Diff(expected, await CatalogSnapshot.TakeAsync(retort));
        Assert.True(diff.Count == 0, $"{diff.Count} catalog difference(s), - EnsureCreated only, + Retort only:\n" + string.Join("\n", diff));
        var rows = await RowsAsync(ef, dialect);
        Assert.Equal(14, rows.Count); // 3 countries, 4 cities, 3 languages with their details, 3 join rows, + the header
        Assert.Equal(rows, await RowsAsync(retort, dialect));

        Assert.Empty(await project.CheckAsync(Model(dialect, retort)));
        using var onEf = new RevisionProject(ef.Url);
        Assert.Empty(await onEf.CheckAsync(Model(dialect, ef)));

        // The Downgrade deletes the seed rows by key and takes the tables away.
        await project.DowngradeAsync("base");
        Assert.DoesNotContain(await CatalogSnapshot.TakeAsync(retort), l => l.StartsWith("table ", StringComparison.Ordinal));
    }

    /// <summary>Every seeded row of the four tables, as text, in key order.</summary>
    private static async Task<List<string>> RowsAsync(EfDatabase db, string dialect)
    {
        var (geo, lang) = dialect == "postgresql" ? ("geo.", "lang.") : ("", "");
        var rows = new List<string> { "rows" };
        await using var c = await db.OpenAsync();
        foreach (var sql in new[]
        {
            $"SELECT 'country ' || \"CountryId\" || ' ' || \"Name\" FROM {geo}\"Countries\" ORDER BY \"CountryId\"",
            $"SELECT 'city ' || \"Id\" || ' ' || \"Name\" || ' in ' || \"LocatedInId\" FROM {geo}\"Cites\" ORDER BY \"Id\"",
            $"SELECT 'language ' || \"Id\" || ' ' || \"Name\" || ' ' || CAST(\"Details_Phonetic\" AS text) || ' ' || CAST(\"Details_Tonal\" AS text) || ' ' || \"Details_PhonemesCount\" FROM {lang}\"Languages\" ORDER BY \"Id\"",
            $"SELECT 'spoken ' || \"LanguageId\" || ' in ' || \"CountryId\" FROM {geo}\"LanguageCountry\" ORDER BY 1",
        })
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await using DbDataReader r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add(r.GetString(0));
        }
        return rows;
    }
}
