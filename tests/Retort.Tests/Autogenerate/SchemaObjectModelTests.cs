using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Tests.Autogenerate;

/// <summary>
/// Views, routines, triggers, extensions and partitions in the shared model: every operation survives render →
/// compile → run, reverses to what undoes it, and the comparer orders the diffs so that they run.
/// </summary>
public class SchemaObjectModelTests
{
    private const string FunctionBody = """
        CREATE OR REPLACE FUNCTION public.last_day(timestamp with time zone)
         RETURNS date
         LANGUAGE sql
         IMMUTABLE STRICT
        AS $function$
          SELECT CASE WHEN EXTRACT(MONTH FROM $1) = 12 THEN "a" || 'b\n' END;
        $function$

        """;

    private static readonly ViewDefinition Plain = new("active_users", "SELECT id, name FROM users WHERE active");

    private static readonly ViewDefinition Rich = new("sales_by_store", " SELECT s.id,\n    sum(p.amount) AS total\n   FROM store s;")
    {
        Schema = "shop", Materialized = true, Columns = ["id", "total"], Comment = "refreshed nightly",
        Options = new Dictionary<string, string> { ["postgresql.security_barrier"] = "true" },
        Indexes = [new TableIndex("ix_sales_by_store", "id") { Unique = true, Comment = "one row per store" }],
        DependsOn = ["shop.store", "payment"],
    };

    private static readonly RoutineDefinition Function = new("last_day", RoutineKind.Function, FunctionBody) { Schema = "public", Signature = "timestamp with time zone" };
    private static readonly TriggerDefinition Trigger = new("last_updated", "actor", "CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor FOR EACH ROW EXECUTE FUNCTION last_updated()");

    [Fact]
    public void Every_schema_object_operation_renders_to_code_that_records_it_again()
    {
        MigrationOperation[] ops =
        [
            new CreateViewOperation(Plain),
            new CreateViewOperation(Rich),
            new DropViewOperation("sales_by_store") { Schema = "shop", Materialized = true },
            new ReplaceViewOperation(Plain with { Query = "SELECT id FROM users" }, Plain),
            new CreateRoutineOperation(Function),
            new CreateRoutineOperation(Function with { Comment = "the month's last day", DependsOn = ["payment"] }),
            new DropRoutineOperation("last_day", RoutineKind.Aggregate) { Signature = "integer", Schema = "public" },
            new ReplaceRoutineOperation(Function with { Definition = "CREATE FUNCTION last_day() RETURNS int LANGUAGE sql AS 'SELECT 1'" }, Function),
            new CreateTriggerOperation(Trigger),
            new DropTriggerOperation("last_updated", "actor") { Schema = "public" },
            new ReplaceTriggerOperation(Trigger with { Definition = Trigger.Definition.Replace("BEFORE", "AFTER") }, Trigger),
            new CreateExtensionOperation(new ExtensionDefinition("citext") { Schema = "public", Version = "1.6" }),
            new DropExtensionOperation("citext"),
            new AttachPartitionOperation("payment", "payment_p2022_01", "FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')") { Schema = "public", PartitionSchema = "public" },
            new DetachPartitionOperation("payment", "payment_p2022_01", "DEFAULT"),
        ];
        var again = FidelityModelTests.RenderCompileRun(ops);
        Assert.Equal(ops.Select(FidelityModel.Dump), again.Select(FidelityModel.Dump));
    }

    [Fact]
    public void A_multi_line_definition_is_written_as_a_raw_literal_a_reader_can_read()
    {
        var code = CSharpRenderer.Render(new CreateRoutineOperation(Function));
        Assert.Contains("\n             RETURNS date\n", code);
        Assert.Contains("THEN \"a\" || 'b\\n' END;\n", code); // quotes and backslashes stay as the SQL has them
    }

    [Fact]
    public void Each_operation_reverses_to_its_inverse_and_back()
    {
        MigrationOperation[] ops =
        [
            new CreateViewOperation(Rich), new CreateRoutineOperation(Function), new CreateTriggerOperation(Trigger),
            new ReplaceViewOperation(Plain with { Query = "SELECT 1" }, Plain),
            new CreateExtensionOperation(new ExtensionDefinition("citext")),
            new AttachPartitionOperation("payment", "p1", "DEFAULT"),
        ];
        foreach (var op in ops)
            Assert.Equal(FidelityModel.Dump(op), FidelityModel.Dump(op.Reverse().Reverse()));
        var drop = Assert.IsType<DropViewOperation>(new CreateViewOperation(Rich).Reverse());
        Assert.True(drop.Materialized);
        Assert.Equal("shop", drop.Schema);
        Assert.Throws<IrreversibleOperationException>(() => new DropTriggerOperation("t", "x").Reverse());
    }

    [Fact]
    public void Objects_are_created_around_the_tables_and_dropped_before_what_they_read()
    {
        var users = new TableSchema("users") { Columns = [new Column("id", SqlType.Integer()), new Column("name", SqlType.String(50))] };
        var onView = new ViewDefinition("named_users", "SELECT name FROM active_users") { DependsOn = ["active_users"] };
        var active = Plain with { DependsOn = ["users"] };
        var model = new DatabaseSchema([users])
        {
            Views = [onView, active], // a view before the view it reads: the comparer orders them
            Routines = [new RoutineDefinition("add_one", RoutineKind.Function, "CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql AS 'SELECT i + 1'") { Signature = "integer" }],
            Triggers = [Trigger with { Table = "users" }],
        };
        var comparer = new SchemaComparer(DatabaseProviders.Get("sqlite"));
        var up = comparer.Compare(model, new DatabaseSchema([])).Select(d => d.Description).ToList();
        Assert.Equal(["add function add_one(integer)", "add table users", "add view active_users", "add view named_users", "add trigger last_updated on users"], up);

        var down = comparer.Compare(new DatabaseSchema([]), model).Select(d => d.Description).ToList();
        Assert.Equal(["remove trigger last_updated on users", "remove view named_users", "remove view active_users", "remove table users", "remove function add_one(integer)"], down);

        Assert.Empty(comparer.Compare(model, model with { Views = [active, onView with { Query = onView.Query + ";\n" }] }));
        var changed = comparer.Compare(model, model with { Views = [active, onView with { Query = "SELECT id FROM active_users" }] });
        var replace = Assert.IsType<ReplaceViewOperation>(Assert.Single(changed).Upgrade);
        Assert.Equal("SELECT id FROM active_users", Assert.IsType<ReplaceViewOperation>(replace.Reverse()).View.Query);
    }

    [Fact]
    public void Standard_sql_for_views_routines_and_triggers()
    {
        var dialect = DatabaseProviders.Get("sqlite").Dialect;
        Assert.Equal(["CREATE VIEW \"active_users\" AS SELECT id, name FROM users WHERE active"], dialect.Generate(new CreateViewOperation(Plain)).Select(s => s.Sql));
        Assert.Equal(["DROP VIEW \"active_users\""], dialect.Generate(new CreateViewOperation(Plain).Reverse()).Select(s => s.Sql));
        Assert.Equal([Trigger.Definition], dialect.Generate(new CreateTriggerOperation(Trigger)).Select(s => s.Sql));
        Assert.Equal(["DROP TRIGGER \"last_updated\"", Trigger.Definition + "2"],
            dialect.Generate(new ReplaceTriggerOperation(Trigger with { Definition = Trigger.Definition + "2" }, Trigger)).Select(s => s.Sql));
        Assert.Throws<NotSupportedException>(() => dialect.Generate(new CreateViewOperation(Rich)));
    }
}
