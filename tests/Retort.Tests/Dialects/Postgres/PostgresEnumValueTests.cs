using Retort.Ops;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Dialects.Postgres;

/// <summary>
/// Removing an enum value (the Downgrade of an added value) on a real PostgreSQL: the type is rebuilt without it and
/// its columns keep their rows and defaults; while a row holds the value, nothing changes and the error names the rows.
/// </summary>
public class PostgresEnumValueTests
{
    private static async Task<TestDatabase> MoodTableAsync()
    {
        var db = await TestDatabase.CreateAsync("postgresql");
        await OperationSpecTests.ApplyAsync(db, new CreateTypeOperation(new EnumTypeDefinition("mood", ["sad", "ok"])));
        await OperationSpecTests.ApplyAsync(db, new CreateTableOperation("people",
            [new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("m", SqlType.Named("mood")) { ServerDefault = "'ok'" }]));
        await OperationSpecTests.ApplyAsync(db, new AddEnumValueOperation("mood", "happy") { Before = "ok" });
        await db.ExecuteAsync("INSERT INTO people (id, m) VALUES (1, 'sad'), (2, 'ok'), (3, DEFAULT)");
        return db;
    }

    private static Task<List<string>> LabelsAsync(TestDatabase db) =>
        db.QueryAsync("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype");

    [Fact]
    public async Task The_reverse_of_an_added_value_rebuilds_the_type_and_keeps_rows_and_default()
    {
        await using var db = await MoodTableAsync();
        Assert.Equal(["sad,happy,ok"], await LabelsAsync(db));

        var add = new AddEnumValueOperation("mood", "happy") { Before = "ok" };
        await OperationSpecTests.ApplyAsync(db, add.Reverse());

        Assert.Equal(["sad,ok"], await LabelsAsync(db));
        Assert.Equal(["1|sad", "2|ok", "3|ok"], await db.QueryAsync("SELECT id, m::text FROM people ORDER BY id"));
        Assert.Equal(["mood|'ok'::mood"], await db.QueryAsync(
            "SELECT udt_name, column_default FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'm'"));
        Assert.Equal(["1"], await db.QueryAsync("SELECT count(*) FROM pg_type WHERE typname LIKE 'mood%'"));

        // And the reverse of the removal puts the value back in its place.
        await OperationSpecTests.ApplyAsync(db, add.Reverse().Reverse());
        Assert.Equal(["sad,happy,ok"], await LabelsAsync(db));
    }

    [Fact]
    public async Task A_value_a_row_holds_is_not_removed_and_the_error_names_the_rows()
    {
        await using var db = await MoodTableAsync();
        await db.ExecuteAsync("INSERT INTO people (id, m) VALUES (4, 'happy'), (5, 'happy')");

        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            OperationSpecTests.ApplyAsync(db, new DropEnumValueOperation("mood", "happy")));

        Assert.Contains("cannot remove value happy from enum mood: 2 row(s) of people.m hold it", e.Message);
        Assert.Equal(["sad,happy,ok"], await LabelsAsync(db));
        Assert.Equal(["5"], await db.QueryAsync("SELECT count(*) FROM people"));
    }
}
