using Retort.Tests.Infrastructure;

namespace Retort.Tests.RealWork;

/// <summary>
/// Code shared by revisions: every .cs file under the script location outside versions/ (env.cs, model/, a helper
/// folder) is compiled once into one assembly that the revisions and env.cs use; changing a helper recompiles the
/// revisions that depend on it (real CLI, real databases).
/// </summary>
public class SharedCodeTests
{
    public static TheoryData<string> Databases() => new(["sqlite", "postgresql"]);

    private static string Revision(string id, string? parent, string upgrade) => $$"""
        using Retort;
        using Shop.Shared;

        [Revision("{{id}}"{{(parent is null ? "" : $", DownRevision = \"{parent}\"")}}, Message = "rev {{id}}")]
        public sealed class Rev_{{id}} : Migration
        {
            public override void Upgrade(Operations op) { {{upgrade}} }
            public override void Downgrade(Operations op) { }
        }
        """;

    private static string Helper(string status) => $$"""
        namespace Shop.Shared;

        /// <summary>Names and columns every revision uses.</summary>
        public static class Tables
        {
            public const string Orders = "orders";

            public static Column Id() => new("id", SqlType.Integer()) { PrimaryKey = true };

            public static string DefaultStatus => "{{status}}";
        }
        """;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Revisions_and_env_use_helper_folders_and_see_their_changes(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        p.Write("migrations/shared/Tables.cs", Helper("new"));
        p.Write("migrations/versions/b00000000001_orders.cs", Revision("b00000000001", null,
            "op.CreateTable(Tables.Orders, Tables.Id(), new Column(\"status\", SqlType.String(20)));"));
        p.Write("migrations/versions/b00000000002_seed.cs", Revision("b00000000002", "b00000000001",
            "op.BulkInsert(Tables.Orders, [\"id\", \"status\"], [[1, Tables.DefaultStatus]]);"));
        // env.cs uses the shared code too: the model is the helper's table.
        p.Env("context.TargetModel = new MetaData().Table(Shop.Shared.Tables.Orders, Shop.Shared.Tables.Id(), new Column(\"status\", SqlType.String(20)));");

        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["1|new"], await db.QueryAsync("SELECT id, status FROM orders"));
        var check = await p.Retort("check");
        Assert.True(check.ExitCode == 0, check.ToString());

        // A changed helper is compiled again, and so are the revisions that use it.
        p.Write("migrations/shared/Tables.cs", Helper("fresh"));
        Assert.Equal(0, (await p.Retort("downgrade", "b00000000001")).ExitCode);
        await db.ExecuteAsync("DELETE FROM orders");
        var again = await p.Retort("upgrade", "head");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["1|fresh"], await db.QueryAsync("SELECT id, status FROM orders"));
    }

    [Fact]
    public async Task A_compile_error_in_shared_code_names_its_file()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var p = await EnvProject.CreateAsync(db.Url);
        p.Write("migrations/shared/Broken.cs", "public static class Broken { public static int X => \"text\"; }");
        p.Write("migrations/versions/b00000000001_orders.cs", Revision("b00000000001", null, "op.Execute(\"CREATE TABLE t (a INT)\");").Replace("using Shop.Shared;", ""));
        var up = await p.Retort("upgrade", "head");
        Assert.Equal(1, up.ExitCode);
        Assert.Contains("migrations/shared/Broken.cs(1,53): error CS0029", up.Stderr);
        Assert.DoesNotContain("t", await CatalogReader.TablesAsync(db));
    }
}
