using Retort.Autogenerate;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects.Sqlite;

/// <summary>
/// Autogenerate and check see a declared-type change that changes what a SQLite column is: <c>INT PRIMARY KEY</c> is
/// an ordinary key, <c>INTEGER PRIMARY KEY</c> an alias of the rowid. A model that states declared text wants that
/// text; a portable type accepts its synonyms elsewhere, and finds nothing to change on what Retort itself created.
/// </summary>
public class SqliteDeclaredTypeChangeTests
{
    private static readonly DatabaseProvider Provider = DatabaseProviders.Get("sqlite");

    private static async Task<TableSchema> ReflectAsync(TestDatabase db, string table)
    {
        await using var c = await db.OpenAsync();
        return (await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions())).Tables.Single(t => t.Name == table);
    }

    private static List<string> Check(TableSchema model, TableSchema live) =>
        new SchemaComparer(Provider).Compare(new DatabaseSchema([model]), new DatabaseSchema([live])).Select(d => d.Description).ToList();

    private static Column Col(TableSchema live, string name, SqlType type) => live.Column(name)! with { Type = type };

    [Fact]
    public async Task An_INT_key_against_a_model_saying_Integer_is_a_change_and_applying_it_makes_a_rowid_alias()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, n INT, m INTEGER, s NVARCHAR(10))", "INSERT INTO t (id, n) VALUES (7, 1)");
        var live = await ReflectAsync(db, "t");
        var portable = live with
        {
            Columns = [Col(live, "id", SqlType.Integer()), Col(live, "n", SqlType.Integer()), Col(live, "m", SqlType.Integer()), live.Column("s")!],
        };

        // Only the key column differs in behaviour; INT elsewhere has INTEGER's affinity.
        var diffs = new SchemaComparer(Provider).Compare(new DatabaseSchema([portable]), new DatabaseSchema([live]));
        Assert.Equal(["modify type t.id: INT -> INTEGER"], diffs.Select(d => d.Description));

        // Applied online (SQLite rebuilds the table), the key becomes the rowid: an insert without it gets one.
        await using (var c = db.Dialect.CreateConnection(DatabaseUrl.Parse(db.Url, null, "/").ConnectionString))
        {
            await c.OpenAsync();
            foreach (var statement in await db.Dialect.GenerateAsync(diffs.Single().Upgrade, c, null, CancellationToken.None))
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = statement.Sql;
                await cmd.ExecuteNonQueryAsync();
            }
        }
        Assert.Equal(["INTEGER"], await db.QueryAsync("SELECT type FROM pragma_table_info('t') WHERE name = 'id'"));
        await db.ExecuteAsync("INSERT INTO t (n) VALUES (2)");
        Assert.Equal(["7|7", "8|8"], await db.QueryAsync("SELECT id, rowid FROM t ORDER BY id"));
        Assert.Empty(Check(portable, await ReflectAsync(db, "t")));
    }

    [Fact]
    public async Task A_model_stating_declared_text_sees_any_change_of_that_text_but_not_of_letter_case()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INT, s NVARCHAR(10))");
        var live = await ReflectAsync(db, "t");

        Assert.Equal(["modify type t.n: INT -> INTEGER", "modify type t.s: NVARCHAR(10) -> VARCHAR(10)"],
            Check(live with { Columns = [live.Column("id")!, Col(live, "n", SqlType.Custom("INTEGER")), Col(live, "s", SqlType.Custom("VARCHAR(10)"))] }, live));
        Assert.Equal(["modify type t.id: INTEGER -> INT"],
            Check(live with { Columns = [Col(live, "id", SqlType.Custom("INT")), live.Column("n")!, live.Column("s")!] }, live));
        Assert.Empty(Check(live with { Columns = [Col(live, "id", SqlType.Custom("integer")), Col(live, "n", SqlType.Custom("int")), Col(live, "s", SqlType.Custom("nvarchar (10)"))] }, live));
    }

    [Fact]
    public async Task Portable_models_find_nothing_to_change_on_tables_Retort_created_and_a_without_rowid_key_has_no_alias()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var created = new CreateTableOperation("t",
        [
            new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false },
            new Column("n", SqlType.Integer()), new Column("b", SqlType.BigInt()), new Column("s", SqlType.String(20)),
        ]);
        var w = new CreateTableOperation("w", [new Column("k", SqlType.Integer()) { PrimaryKey = true, Nullable = false }, new Column("v", SqlType.Text())])
        {
            ProviderOptions = new Dictionary<string, string> { ["sqlite.without_rowid"] = "true" },
        };
        foreach (var statement in Provider.Dialect.Generate(created).Concat(Provider.Dialect.Generate(w))) await db.ExecuteAsync(statement.Sql);
        var model = new DatabaseSchema([
            new TableSchema("t") { Columns = created.Columns, PrimaryKey = new PrimaryKey("id") },
            new TableSchema("w") { Columns = w.Columns, PrimaryKey = new PrimaryKey("k"), ProviderOptions = w.ProviderOptions },
        ]);
        await using (var c = await db.OpenAsync())
            Assert.Empty(new SchemaComparer(Provider).Compare(model, await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions())).Select(d => d.Description));

        // In a WITHOUT ROWID table no column is a rowid alias: INT and INTEGER keys behave alike.
        await db.ExecuteAsync("CREATE TABLE w2 (k INT PRIMARY KEY, v TEXT) WITHOUT ROWID");
        var w2 = await ReflectAsync(db, "w2");
        Assert.Empty(Check(w2 with { Columns = [Col(w2, "k", SqlType.Integer()), w2.Column("v")!] }, w2));
    }
}

/// <summary>The fields SQLite added to the schema model survive autogenerate's render → compile → run.</summary>
public class SqliteModelFieldsRenderTests
{
    [Fact]
    public void Primary_key_order_on_conflict_match_and_initially_immediate_are_rendered()
    {
        var create = new CreateTableOperation("t",
        [
            new Column("id", SqlType.Integer()) { Nullable = false, NotNullOnConflict = "IGNORE" },
            new Column("g", SqlType.Text()),
        ])
        {
            PrimaryKey = new PrimaryKey("id") { Name = "", ColumnLevel = true, Descending = ["id"], OnConflict = "REPLACE" },
            UniqueConstraints = [new UniqueConstraint("g") { Name = "", OnConflict = "FAIL" }],
            ForeignKeys = [new ForeignKey(["g"], "p", ["code"]) { Name = "", Match = "FULL", Deferrable = true, InitiallyImmediate = true }],
        };
        var replayed = (CreateTableOperation)Autogenerate.FidelityModelTests.RenderCompileRun([create]).Single();
        Assert.Equal(Autogenerate.FidelityModel.Dump(create), Autogenerate.FidelityModel.Dump(replayed));
        Assert.Equal(["id"], replayed.PrimaryKey!.Descending);
        Assert.Equal("FULL", replayed.ForeignKeys.Single().Match);
    }
}
