using Retort.Tests.Infrastructure;

namespace Retort.Tests.RealWork;

/// <summary>
/// Autogenerate of NOT NULL columns added to a table that has rows: the revision fills them with the type's zero value
/// (as EF Core) and says so, the upgrade runs on the real databases, the rows read back with the zero values, the
/// columns are NOT NULL without a leftover default (so `check` is clean), and a model default wins and stays.
/// </summary>
public class NotNullColumnTests
{
    public static TheoryData<string> Databases() => new(TestDatabase.All);

    private const string Model = """
        context.TargetModel = new MetaData().Table("items",
            new Column("id", SqlType.Integer()) { PrimaryKey = true },
            new Column("name", SqlType.String(50)) { Nullable = true },
            new Column("qty", SqlType.Integer()) { Nullable = false },
            new Column("active", SqlType.Boolean()) { Nullable = false },
            new Column("label", SqlType.String(20)) { Nullable = false },
            new Column("price", SqlType.Decimal(10, 2)) { Nullable = false },
            new Column("sold_on", SqlType.Date()) { Nullable = false },
            new Column("stock", SqlType.Integer()) { Nullable = false, ServerDefault = "7" });
        """;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task New_not_null_columns_fill_existing_rows_with_zero_values(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        await db.ExecuteAsync("CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50))", "INSERT INTO items (id, name) VALUES (1, 'bolt')");
        Assert.Equal(0, (await p.Retort("stamp", "base")).ExitCode);
        p.Env(Model);

        var gen = await p.Retort("revision", "--autogenerate", "-m", "more columns");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        var text = File.ReadAllText(p.Revisions().Single());
        Assert.Contains("// NOT NULL on an existing table: the rows already there get the type's zero value (as EF Core does)", text);
        Assert.Contains("op.AddColumn(\"items\", new Column(\"qty\", SqlType.Integer()) { Nullable = false, ServerDefault = \"0\" });", text);
        Assert.Contains("op.AddColumn(\"items\", new Column(\"stock\", SqlType.Integer()) { Nullable = false, ServerDefault = \"7\" });", text);

        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        var row = Assert.Single(await db.QueryAsync("SELECT qty, active, label, price, sold_on, stock FROM items"));
        var cells = row.Split('|');
        Assert.Equal("0", cells[0]);
        Assert.Contains(cells[1], new[] { "0", "False" });
        Assert.Equal("", cells[2]);
        Assert.Equal(0m, decimal.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(dialect == "sqlite" ? "0001-01-01" : "01/01/0001", cells[4]);
        Assert.Equal("7", cells[5]);

        // The zero defaults are gone, the model's default stays, every new column is NOT NULL: nothing left to change.
        var check = await p.Retort("check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("No new upgrade operations detected.", check.Stdout);
        var insert = async () => await db.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'nut')");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(insert);

        var down = await p.Retort("downgrade", "base");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(["1|bolt"], await db.QueryAsync("SELECT * FROM items"));
    }
}
