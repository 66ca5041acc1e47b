using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Retort.Scripting;

namespace Retort.Tests.Autogenerate;

/// <summary>
/// The schema model's fidelity fields through the comparer and the C# renderer: every field survives
/// render → compile → run; creates and drops are ordered by foreign keys, with cycles broken by ALTER TABLE.
/// </summary>
public class FidelityModelTests
{
    private static readonly DatabaseSchema Empty = new([]);

    /// <summary>Renders operations as a revision's Upgrade, compiles it as revision files are, and returns what it records.</summary>
    internal static IReadOnlyList<MigrationOperation> RenderCompileRun(IEnumerable<MigrationOperation> operations)
    {
        var body = CSharpRenderer.Render(operations);
        var source = $"[Revision(\"fid{Guid.NewGuid():N}\")]\npublic sealed class Generated : Migration\n{{\n    public override void Upgrade(Operations op)\n    {{\n{body}    }}\n\n    public override void Downgrade(Operations op) {{ }}\n}}\n";
        var bytes = RoslynCompiler.Emit("Fidelity" + Guid.NewGuid().ToString("N"), [("generated.cs", source)]);
        var assembly = System.Reflection.Assembly.Load(bytes);
        var migration = (Migration)Activator.CreateInstance(assembly.GetType("Generated")!)!;
        var op = new Operations();
        migration.Upgrade(op);
        return op.Recorded;
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    public void Every_field_of_the_model_survives_render_compile_and_run(string provider)
    {
        var model = FidelityModel.Build();
        var diffs = new SchemaComparer(DatabaseProviders.Get(provider)).Compare(model, Empty);
        var replayed = FidelityModel.Replay(RenderCompileRun(diffs.Select(d => d.Upgrade)));
        Assert.Equal(FidelityModel.Dump(Sorted(model)), FidelityModel.Dump(Sorted(replayed)));
    }

    /// <summary>Tables by name and foreign keys by name: creation order is the comparer's business, not the model's.</summary>
    private static DatabaseSchema Sorted(DatabaseSchema s) => s with
    {
        Tables = s.Tables.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t with { ForeignKeys = t.ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal).ToList() }).ToList(),
    };

    [Fact]
    public void Operations_with_the_new_fields_render_to_code_that_records_them_again()
    {
        var store = FidelityModel.Build().Find("store")!;
        MigrationOperation[] ops =
        [
            new AlterColumnOperation("store", "name") { Definition = store.Column("name")! with { Collation = "POSIX" }, ExistingDefinition = store.Column("name"), ExistingType = SqlType.String(45), ExistingNullable = true },
            new SetTableOptionsOperation("store", new Dictionary<string, string> { ["mysql.engine"] = "MyISAM" }) { Existing = new Dictionary<string, string> { ["mysql.engine"] = "InnoDB" } },
            new AddEnumValueOperation("mood", "meh") { After = "ok", Schema = "public" },
            new AddEnumValueOperation("mood", "awful") { Before = "sad" },
            CreateIndexOperation.From(store.Indexes[0].ToTableIndex(), "store", "public") with { Concurrently = true },
            new CreateForeignKeyOperation("fk_x", "staff", new ForeignKey(["store_id"], "store", ["store_id"]) { Name = "fk_x", ReferencedSchema = "shop", OnUpdate = ReferentialAction.SetNull, Deferrable = true, InitiallyDeferred = true }),
            new CreateTypeOperation(new EnumTypeDefinition("mood", ["a", "b"]) { Comment = "with a comment" }),
            new CreateTypeOperation(new DomainDefinition("d", SqlType.Decimal(10, 2) with { Unsigned = true }) { Collation = "C" }),
            new DropTypeOperation("mood") { Schema = "public" },
            new CreatePrimaryKeyOperation("pk_t", "t", ["a", "b"]),
            new RenameTableOperation("a", "b"),
            new AddColumnOperation("t", new Column("big", SqlType.BigInt()) { Identity = new IdentityOptions() }),
        ];
        var again = RenderCompileRun(ops);
        Assert.Equal(ops.Select(FidelityModel.Dump), again.Select(FidelityModel.Dump));
    }

    private static List<string> Descriptions(IEnumerable<SchemaDiff> diffs) => diffs.Select(d => d.Description).ToList();

    [Fact]
    public void New_tables_come_after_the_tables_they_reference_and_a_cycle_is_closed_by_alter_table()
    {
        var diffs = new SchemaComparer(DatabaseProviders.Get("postgresql")).Compare(FidelityModel.Build(), Empty);
        Assert.Equal(
        [
            "add type mood",
            "add type positive_int",
            "add table address",
            // store and staff reference each other: staff (first by name) is created without its key to store …
            "add table staff with index idx_staff_prefix",
            "add table store with index idx_store_name",
            "add table customer",
            // … which is added once both exist.
            "add foreign key fk_staff_store on staff (after the tables: a foreign-key cycle)",
        ], Descriptions(diffs));
        var staff = Assert.IsType<CreateTableOperation>(diffs[3].Upgrade);
        Assert.Empty(staff.ForeignKeys);
        var store = Assert.IsType<CreateTableOperation>(diffs[4].Upgrade);
        Assert.Equal(["fk_store_staff"], store.ForeignKeys.Select(f => f.Name));

        // The Downgrade is the same list reversed, each operation reversed: the cycle's key goes first, types last.
        var down = diffs.Select(d => d.Downgrade).Reverse().ToList();
        Assert.Equal(new DropConstraintOperation("fk_staff_store", "staff", ConstraintKind.ForeignKey) { Existing = (CreateConstraintOperation)diffs[6].Upgrade }, down[0]);
        Assert.Equal(["customer", "store", "staff", "address"], down.OfType<DropTableOperation>().Select(d => d.Name));
        Assert.Equal(["positive_int", "mood"], down.OfType<DropTypeOperation>().Select(d => d.Name));
    }

    [Fact]
    public void Where_constraints_cannot_be_added_later_a_cycle_stays_inline()
    {
        var diffs = new SchemaComparer(DatabaseProviders.Get("sqlite")).Compare(FidelityModel.Build() with { Types = [] }, Empty);
        Assert.Equal(["add table address", "add table staff with index idx_staff_prefix", "add table store with index idx_store_name", "add table customer"], Descriptions(diffs));
        Assert.Equal(["fk_staff_store"], Assert.IsType<CreateTableOperation>(diffs[1].Upgrade).ForeignKeys.Select(f => f.Name));
    }

    [Fact]
    public void Removed_tables_go_referencing_first_carrying_their_indexes_and_the_cycle_key_goes_before_them()
    {
        var live = FidelityModel.Build();
        var diffs = new SchemaComparer(DatabaseProviders.Get("postgresql")).Compare(Empty, live);
        Assert.Equal(
        [
            "remove foreign key fk_staff_store on staff (before the tables: a foreign-key cycle)",
            "remove table customer",
            "remove table store",
            "remove table staff",
            "remove table address",
            // Types go in the reverse of the database's (creation) order, so the Downgrade creates them in order.
            "remove type positive_int",
            "remove type mood",
        ], Descriptions(diffs));
        // No index is dropped on its own (MariaDB refuses to drop one a foreign key needs); the table carries them back.
        var dropStore = Assert.IsType<DropTableOperation>(diffs[2].Upgrade);
        Assert.Equal(["idx_store_name"], dropStore.Existing!.Indexes.Select(i => i.Name));
        var recreate = diffs.Select(d => d.Downgrade).Reverse().ToList();
        Assert.IsType<CreateTypeOperation>(recreate[0]);
        Assert.Equal(["address", "staff", "store", "customer"], recreate.OfType<CreateTableOperation>().Select(c => c.Name));
        Assert.IsType<CreateForeignKeyOperation>(recreate[^1]);
    }

    [Fact]
    public void An_enum_that_gained_values_gets_add_value_and_one_that_lost_some_is_recreated_with_a_note()
    {
        var pg = new SchemaComparer(DatabaseProviders.Get("postgresql"));
        var live = new DatabaseSchema([]) { Types = [new EnumTypeDefinition("mood", ["sad", "happy"])] };
        var grown = new DatabaseSchema([]) { Types = [new EnumTypeDefinition("mood", ["awful", "sad", "ok", "happy"])] };
        var diffs = pg.Compare(grown, live);
        Assert.Equal(
        [
            new AddEnumValueOperation("mood", "awful") { Before = "sad" },
            new AddEnumValueOperation("mood", "ok") { After = "sad" },
        ], diffs.Select(d => d.Upgrade));
        // The Downgrade removes the value again (PostgreSQL rebuilds the type), in reverse order.
        Assert.Equal(new DropEnumValueOperation("mood", "awful") { Before = "sad" }, diffs[0].Downgrade);

        var shrunk = new DatabaseSchema([]) { Types = [new EnumTypeDefinition("mood", ["sad"])] };
        var changed = pg.Compare(shrunk, live);
        Assert.Equal(["remove type mood (changed)", "add type mood (changed)"], Descriptions(changed));
        Assert.StartsWith("REVIEW:", changed[0].Note);
    }

    [Fact]
    public void Column_index_key_and_option_changes_are_found()
    {
        var model = FidelityModel.Build();
        var store = model.Find("store")!;
        var live = model with
        {
            Tables = model.Tables.Select(t => t.Name != "store" ? t : t with
            {
                Columns = t.Columns.Select(c => c.Name switch
                {
                    "name" => c with { Collation = "POSIX" },
                    "name_upper" => c with { Computed = new ComputedColumn("lower(name)") { Stored = true } },
                    "store_id" => c with { Identity = c.Identity! with { Always = false } },
                    _ => c,
                }).ToList(),
                Indexes = [t.Indexes[0] with { Elements = [t.Indexes[0].Elements![0] with { Descending = false }] }],
                ForeignKeys = [t.ForeignKeys[0] with { OnUpdate = null }],
                ProviderOptions = new Dictionary<string, string> { ["mysql.engine"] = "MyISAM" },
            }).ToList(),
        };
        // Within a table: what goes first, then the column changes, then what is created again.
        Assert.Equal(
        [
            "remove foreign key fk_store_staff on store (changed)",
            "remove index idx_store_name on store (changed)",
            "modify key generation store.store_id",
            "modify collation store.name",
            "modify generated expression store.name_upper",
            "add index idx_store_name on store",
            "add foreign key fk_store_staff on store",
        ], Descriptions(new SchemaComparer(DatabaseProviders.Get("postgresql")).Compare(model, live)));
        var mysql = Descriptions(new SchemaComparer(DatabaseProviders.Get("mysql")).Compare(model, live));
        Assert.Contains("modify table options store: mysql.engine", mysql);
        var alter = new SchemaComparer(DatabaseProviders.Get("postgresql")).Compare(model, live).Single(d => d.Description == "modify collation store.name").Upgrade;
        Assert.Equal("POSIX", ((AlterColumnOperation)alter.Reverse()).Definition!.Collation);
        Assert.Equal(store.Column("name"), ((AlterColumnOperation)alter).Definition);
    }

    [Fact]
    public void A_domain_is_created_after_the_type_it_is_built_on_and_dropped_before_it()
    {
        var types = new DatabaseSchema([]) { Types = [new DomainDefinition("happy_mood", SqlType.Named("mood")), new EnumTypeDefinition("mood", ["sad", "happy"])] };
        var pg = new SchemaComparer(DatabaseProviders.Get("postgresql"));
        Assert.Equal(["add type mood", "add type happy_mood"], Descriptions(pg.Compare(types, Empty)));
        Assert.Equal(["remove type happy_mood", "remove type mood"], Descriptions(pg.Compare(Empty, types)));
    }

    [Fact]
    public void Objects_out_of_scope_are_named_in_a_comment()
    {
        var text = CSharpRenderer.RenderUnsupported([("view", "customer_list", null), ("trigger", "last_updated", "customer")]);
        Assert.Equal("        // Not compared by autogenerate (out of scope, left as they are):\n        //   view customer_list\n        //   trigger last_updated on customer\n", text);
        Assert.Equal("", CSharpRenderer.RenderUnsupported([]));
    }
}
