using Retort.Tests.Infrastructure;
using Retort.Tests.Runtime;

namespace Retort.Tests.RealWork;

/// <summary>
/// A table with generated columns (stored, and virtual where the database has them) keeps them through a change that
/// SQLite carries out by rebuilding the table: the rebuild copies every other column, the generated ones are computed
/// again by the new table, and the catalog still reports them as generated. The same revision runs on PostgreSQL and
/// MariaDB, which alter in place.
/// </summary>
public class GeneratedColumnRebuildTests
{
    public static TheoryData<string> Databases() => new(TestDatabase.All);

    private static string CreateTable(string dialect) => $$"""
        op.CreateTable("g",
            new Column("id", SqlType.Integer()) { PrimaryKey = true },
            new Column("a", SqlType.Integer()),
            new Column("total", SqlType.Integer()) { Computed = new ComputedColumn("a * 10") { Stored = true } }
            {{(dialect == "postgresql" ? "" : ", new Column(\"twice\", SqlType.Integer()) { Computed = new ComputedColumn(\"a * 2\") }")}});
        op.BulkInsert("g", ["id", "a"], [[1, 4], [2, 5]]);
        """;

    private const string MakeNotNull = """op.AlterColumn("g", "a", nullable: false, existingType: SqlType.Integer());""";

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Altering_a_table_with_generated_columns_keeps_and_recomputes_them(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = new ScriptedProject(db.Url, CreateTable(dialect), MakeNotNull);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());

        var virtualToo = dialect != "postgresql";
        Assert.Equal(virtualToo ? ["1|4|40|8", "2|5|50|10"] : ["1|4|40", "2|5|50"],
            await db.QueryAsync($"SELECT id, a, total{(virtualToo ? ", twice" : "")} FROM g ORDER BY id"));
        Assert.Equal(virtualToo ? ["total|stored", "twice|virtual"] : ["total|stored"], await GeneratedColumnsAsync(db));
        // NOT NULL took effect, and new rows are computed by the rebuilt table.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ExecuteAsync("INSERT INTO g (id, a) VALUES (3, NULL)"));
        await db.ExecuteAsync("INSERT INTO g (id, a) VALUES (3, 7)");
        Assert.Equal(["70"], await db.QueryAsync("SELECT total FROM g WHERE id = 3"));
    }

    /// <summary>The generated columns of table g as the catalog reports them: name|stored or name|virtual.</summary>
    private static Task<List<string>> GeneratedColumnsAsync(TestDatabase db) => db.QueryAsync(db.Dialect.Name switch
    {
        // table_xinfo's hidden: 2 a virtual generated column, 3 a stored one.
        "sqlite" => "SELECT name || '|' || CASE hidden WHEN 3 THEN 'stored' ELSE 'virtual' END FROM pragma_table_xinfo('g') WHERE hidden IN (2, 3) ORDER BY name",
        "postgresql" => "SELECT column_name || '|stored' FROM information_schema.columns WHERE table_name = 'g' AND is_generated = 'ALWAYS' ORDER BY column_name",
        _ => "SELECT CONCAT(column_name, '|', CASE WHEN extra LIKE 'STORED%' THEN 'stored' ELSE 'virtual' END) FROM information_schema.columns " +
             "WHERE table_schema = DATABASE() AND table_name = 'g' AND extra LIKE '%GENERATED' ORDER BY column_name",
    });
}
