// The data-seeding model of EF Core's own documentation (https://github.com/dotnet/EntityFramework.Docs, commit
// 02d8a6d2bd87e3024fc064c070f500381a3f3b71, samples/core/Modeling/DataSeeding: ManagingDataContext.cs, Country.cs,
// City.cs, Language.cs, LanguageDetails.cs): HasData on entities, on a foreign key, on a many-to-many join entity and on
// an owned type. Changed: the namespace, the files joined into one, OnConfiguring (UseSqlServer) replaced by a
// constructor taking the options, and the #region markers dropped; the model itself is upstream's, verbatim.
//
// The MIT License (MIT)
// Copyright (c) Microsoft Corporation
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
using Microsoft.EntityFrameworkCore;

namespace Retort.EntityFrameworkCore.Tests.DataSeeding;

public class ManagingDataContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Country> Countries { get; set; }
    public DbSet<City> Cites { get; set; }
    public DbSet<Language> Languages { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Country>(b =>
        {
            b.Property(x => x.Name).IsRequired();
            b.HasData(
                new Country { CountryId = 1, Name = "USA" },
                new Country { CountryId = 2, Name = "Canada" },
                new Country { CountryId = 3, Name = "Mexico" });
        });

        modelBuilder.Entity<City>().HasData(
            new City { Id = 1, Name = "Seattle", LocatedInId = 1 },
            new City { Id = 2, Name = "Vancouver", LocatedInId = 2 },
            new City { Id = 3, Name = "Mexico City", LocatedInId = 3 },
            new City { Id = 4, Name = "Puebla", LocatedInId = 3 });

        modelBuilder.Entity<Language>(b =>
        {
            b.HasData(
                new Language { Id = 1, Name = "English" },
                new Language { Id = 2, Name = "French" },
                new Language { Id = 3, Name = "Spanish" });

            b.HasMany(x => x.UsedIn)
                .WithMany(x => x.OfficialLanguages)
                .UsingEntity(
                    "LanguageCountry",
                    r => r.HasOne(typeof(Country)).WithMany().HasForeignKey("CountryId").HasPrincipalKey(nameof(Country.CountryId)),
                    l => l.HasOne(typeof(Language)).WithMany().HasForeignKey("LanguageId").HasPrincipalKey(nameof(Language.Id)),
                    je =>
                    {
                        je.HasKey("LanguageId", "CountryId");
                        je.HasData(
                            new { LanguageId = 1, CountryId = 2 },
                            new { LanguageId = 2, CountryId = 2 },
                            new { LanguageId = 3, CountryId = 3 });
                    });
        });

        modelBuilder.Entity<Language>().OwnsOne(p => p.Details).HasData(
            new { LanguageId = 1, Phonetic = false, Tonal = false, PhonemesCount = 44 },
            new { LanguageId = 2, Phonetic = false, Tonal = false, PhonemesCount = 36 },
            new { LanguageId = 3, Phonetic = true, Tonal = false, PhonemesCount = 24 });
    }
}

public class Country
{
    public int CountryId { get; set; }
    public string Name { get; set; }
    public virtual ICollection<Language> OfficialLanguages { get; set; }
}

public class City
{
    public int Id { get; set; }
    public string Name { get; set; }
    public int LocatedInId { get; set; }
    public Country LocatedIn { get; set; }
}

public class Language
{
    public int Id { get; set; }
    public string Name { get; set; }

    public LanguageDetails Details { get; set; }
    public List<Country> UsedIn { get; set; }
}

public class LanguageDetails
{
    public bool Phonetic { get; set; }
    public bool Tonal { get; set; }
    public int PhonemesCount { get; set; }
}
