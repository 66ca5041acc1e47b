using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.RealWork;

/// <summary>
/// <c>references</c> in retort.toml: a real application project (a .csproj built by `dotnet build`, or its built .dll)
/// whose entity classes env.cs sets as the target model and whose constants a revision uses, through the real CLI.
/// The project is built once and again only after a change.
/// </summary>
public class ReferencesTests
{
    private static void WriteApp(TempDir app, bool withEmail)
    {
        File.WriteAllText(app["App.csproj"], """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        Directory.CreateDirectory(app["Models"]);
        File.WriteAllText(app["Models/Customer.cs"], $$"""
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace App.Models;

            [Table("customers")]
            public class Customer
            {
                [Key] public int Id { get; set; }
                [Required, MaxLength(80)] public string Name { get; set; } = "";
                {{(withEmail ? "[MaxLength(120)] public string? Email { get; set; }" : "")}}
            }

            public static class Seed
            {
                public const string FirstCustomer = "Ada";
            }
            """);
    }

    private const string Env = "context.TargetModel = typeof(App.Models.Customer).Assembly;";

    [Fact]
    public async Task Env_and_revisions_use_the_applications_project_and_its_dll()
    {
        using var app = new TempDir();
        WriteApp(app, withEmail: false);

        // SQLite, referencing the project: built on first use.
        await using var sqlite = await TestDatabase.CreateAsync("sqlite");
        using var p = await EnvProject.CreateAsync(sqlite.Url, $"references = [\"{app["App.csproj"]}\"]");
        p.Env(Env);
        var gen = await p.Retort("revision", "--autogenerate", "-m", "customers");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        Assert.Contains("op.CreateTable(\"customers\"", File.ReadAllText(p.Revisions().Single()));
        p.Write("migrations/versions/c00000000002_seed.cs", $$"""
            using Retort;

            [Revision("c00000000002", DownRevision = "{{Path.GetFileName(p.Revisions().Single())[..12]}}", Message = "seed")]
            public sealed class SeedCustomer : Migration
            {
                public override void Upgrade(Operations op) => op.BulkInsert("customers", ["id", "name"], [[1, App.Models.Seed.FirstCustomer]]);
                public override void Downgrade(Operations op) => op.Execute("DELETE FROM customers");
            }
            """);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["1|Ada"], await sqlite.QueryAsync("SELECT id, name FROM customers"));

        // Built once: an unchanged project is not built again.
        var dll = app["bin/Release/net10.0/App.dll"];
        var built = File.GetLastWriteTimeUtc(dll);
        Assert.Equal(0, (await p.Retort("check")).ExitCode);
        Assert.Equal(built, File.GetLastWriteTimeUtc(dll));

        // A change to the application is built and seen: the model gained a column.
        WriteApp(app, withEmail: true);
        var drift = await p.Retort("check");
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("add column customers.email", drift.Stdout, StringComparison.OrdinalIgnoreCase);

        // PostgreSQL, referencing the built .dll as it is.
        await using var pg = await TestDatabase.CreateAsync("postgresql");
        using var q = await EnvProject.CreateAsync(pg.Url, $"references = [\"{dll}\"]");
        q.Env(Env);
        foreach (var file in p.Revisions()) q.Write("migrations/versions/" + Path.GetFileName(file), File.ReadAllText(file));
        var pgUp = await q.Retort("upgrade", "head");
        Assert.True(pgUp.ExitCode == 0, pgUp.ToString());
        Assert.Equal(["1|Ada"], await pg.QueryAsync("SELECT id, name FROM customers"));
        var pgDrift = await q.Retort("check");
        Assert.Contains("add column customers.email", pgDrift.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_reference_is_one_failed_line()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = await EnvProject.CreateAsync(db.Url, "references = [\"../nowhere/App.dll\"]");
        var up = await p.Retort("upgrade", "head");
        Assert.Equal(1, up.ExitCode);
        Assert.Matches(@"^FAILED: Referenced assembly .*/nowhere/App\.dll does not exist \(references in retort\.toml\); build it first, or reference its \.csproj\.$",
            up.Stderr.Split('\n').Single(l => l.StartsWith("FAILED")));
    }
}
