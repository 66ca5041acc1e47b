using Retort.Ops;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects;

/// <summary>
/// ifNotExists/ifExists on create/drop of tables and indexes, run on the real databases: each statement succeeds
/// whether or not the object is there, an existing table is left as it was, and Reverse() keeps the flag (a create
/// IF NOT EXISTS undoes as a drop IF EXISTS and back).
/// </summary>
public class IfExistsTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task Creates_and_drops_succeed_whether_or_not_the_object_exists(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var sql = db.Dialect;
        async Task Run(MigrationOperation op)
        {
            foreach (var s in sql.Generate(op)) await db.ExecuteAsync(s.Sql);
        }

        await db.ExecuteAsync("CREATE TABLE audit (id INTEGER PRIMARY KEY)");
        var create = new CreateTableOperation("audit", [new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("at", SqlType.Integer())])
            { IfNotExists = true };
        await Run(create);
        // The table that was there stays as it was: no column "at".
        Assert.Equal(["id"], await Columns(db, "audit"));

        var index = new CreateIndexOperation("ix_audit_id", "audit", ["id"]) { IfNotExists = true };
        await Run(index);
        await Run(index);
        Assert.Equal(["ix_audit_id"], await Indexes(db, "audit"));

        var dropIndex = (DropIndexOperation)index.Reverse();
        Assert.True(dropIndex.IfExists);
        await Run(dropIndex);
        await Run(dropIndex);
        Assert.Empty(await Indexes(db, "audit"));

        var drop = (DropTableOperation)create.Reverse();
        Assert.True(drop.IfExists);
        await Run(drop);
        await Run(drop);
        Assert.Empty(await Columns(db, "audit"));

        // And back: a drop IF EXISTS that carries the table reverses to a create IF NOT EXISTS, which now creates it.
        var recreate = (CreateTableOperation)drop.Reverse();
        Assert.True(recreate.IfNotExists);
        await Run(recreate);
        await Run(recreate);
        Assert.Equal(["at", "id"], await Columns(db, "audit"));
    }

    private static async Task<List<string>> Columns(TestDatabase db, string table) =>
        (await db.QueryAsync(db.Dialect.Name == "sqlite"
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = {(db.Dialect.Name == "mysql" ? "DATABASE()" : "'public'")}"))
        .Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> Indexes(TestDatabase db, string table) =>
        (await db.QueryAsync(db.Dialect.Name switch
        {
            "sqlite" => $"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL",
            "postgresql" => $"SELECT indexname FROM pg_indexes WHERE tablename = '{table}' AND indexname <> '{table}_pkey'",
            _ => $"SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_name = '{table}' AND table_schema = DATABASE() AND index_name <> 'PRIMARY'",
        })).Order(StringComparer.Ordinal).ToList();
}
