using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Tests.Fidelity;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate;

/// <summary>Reflection reads a whole schema in a fixed number of catalog queries.</summary>
public class ReflectionScaleTests
{
    private static MetaData Model(int tables)
    {
        var model = new MetaData();
        for (var i = 0; i < tables; i++)
            model.Table($"t{i:D4}",
                new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
                new Column("name", SqlType.String(40)) { Nullable = false },
                new Column("parent_id", SqlType.Integer()),
                new ForeignKey("parent_id", "t0000", "id") { Name = $"fk_t{i:D4}_parent" },
                new TableIndex($"ix_t{i:D4}_name", "name"));
        return model;
    }

    private static async Task CreateAsync(TestDatabase db, MetaData model)
    {
        var statements = new List<string>();
        foreach (var t in model.Tables)
        {
            var create = new CreateTableOperation(t.Name, t.Columns) { ForeignKeys = t.ForeignKeys };
            statements.AddRange(db.Dialect.Generate(create).Select(s => s.Sql));
            statements.AddRange(t.Indexes.SelectMany(i => db.Dialect.Generate(new CreateIndexOperation(i.Name, t.Name, i.Columns))).Select(s => s.Sql));
        }
        // One round trip per 200 statements keeps setting up 1000 tables quick.
        foreach (var chunk in statements.Chunk(200)) await db.ExecuteAsync(string.Join(";\n", chunk));
    }

    [Theory]
    [InlineData("postgresql", 1000)]
    [InlineData("mysql", 300)]
    [InlineData("sqlite", 300)]
    public async Task A_large_matching_schema_checks_clean_with_as_many_queries_as_a_small_one(string dialect, int tables)
    {
        var counts = new List<int>();
        foreach (var n in new[] { 10, tables })
        {
            await using var db = await TestDatabase.CreateAsync(dialect);
            var model = Model(n);
            await CreateAsync(db, model);
            var reflector = DatabaseProviders.Get(dialect).CreateReflector()!;
            await using var c = await db.OpenAsync();
            var live = await reflector.ReflectAsync(c, new ReflectOptions());
            Assert.Equal(n, live.Tables.Count);
            Assert.Empty(new SchemaComparer(DatabaseProviders.Get(dialect)).Compare(model.ToSchema(), live));
            counts.Add(reflector.QueryCount);
        }
        Assert.Equal(counts[0], counts[1]);
    }

    /// <summary>
    /// Views, materialized views, routines, aggregates, triggers and partitions are read in a fixed number of queries
    /// too: a whole real schema (pagila, sakila as upstream ships them: 5 to 15 of each) takes as many as a database
    /// with one table, one view, one trigger (and on servers one function).
    /// </summary>
    [Theory]
    [InlineData("postgresql", "pagila", """
        CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t; CREATE MATERIALIZED VIEW m AS SELECT a FROM t;
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
        CREATE TABLE p (a integer) PARTITION BY RANGE (a); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
        """)]
    [InlineData("mysql", "sakila", """
        CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t;
        CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = NEW.a;
        CREATE FUNCTION f() RETURNS integer DETERMINISTIC RETURN 1;
        """)]
    [InlineData("sqlite", "sakila", """
        CREATE TABLE t (a integer); CREATE VIEW v AS SELECT a FROM t;
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;
        """)]
    public async Task A_whole_schema_with_its_objects_takes_as_many_queries_as_one_object_of_each_kind(string dialect, string schema, string oneOfEach)
    {
        var counts = new List<int>();
        foreach (var whole in new[] { false, true })
        {
            await using var db = await FidelityDatabase.CreateAsync(dialect);
            if (whole) await db.LoadAsync(SampleSchemas.File(dialect, schema));
            else await db.ExecuteAsync(oneOfEach);
            var reflector = DatabaseProviders.Get(dialect).CreateReflector()!;
            await using var c = db.CreateConnection();
            await c.OpenAsync();
            var live = await reflector.ReflectAsync(c, new ReflectOptions());
            Assert.True(live.Views.Count > (whole ? 1 : 0) && live.Triggers.Count > (whole ? 1 : 0), $"{dialect}/{schema}: views and triggers read");
            counts.Add(reflector.QueryCount);
        }
        Assert.Equal(counts[0], counts[1]);
    }
}
