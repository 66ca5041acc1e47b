using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Schema;
using Retort.Ops;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Sqlite;

/// <summary>
/// One test per SQLite loss the schema-fidelity issue found: tables using the feature are made with plain SQL in
/// SQLite file A, Retort reflects A and writes the CREATE statements autogenerate would, they run on an empty file B,
/// and A and B must have the same catalog (pragmas and sqlite_master, read by the independent
/// <see cref="CatalogSnapshot"/>) and the same sqlite3 .schema dump. Then the drops autogenerate writes for an empty
/// model must empty A, with foreign keys enforced.
/// </summary>
public class SqliteFidelityTests
{
    private static readonly DatabaseProvider Provider = DatabaseProviders.Get("sqlite");

    [Fact]
    public async Task Declared_types_are_kept_as_written()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE t (n NVARCHAR(160), i INT, ts TIMESTAMP, d DECIMAL(4,2), nd NUMERIC(10,2), odd BLOB SUB_TYPE TEXT, untyped, lower_int integer, v VARCHAR(45), plain INTEGER)");
        Assert.Equal("NVARCHAR(160)", s["table t: column n", "type"]);
        Assert.Equal("INT", s["table t: column i", "type"]);
        Assert.Equal("TIMESTAMP", s["table t: column ts", "type"]);
        Assert.Equal("DECIMAL(4,2)", s["table t: column d", "type"]);
        Assert.Equal("BLOB SUB_TYPE TEXT", s["table t: column odd", "type"]);
        Assert.Equal("", s["table t: column untyped", "type"]);
        // pragma table_info respells integer as INTEGER; the text (and so the dump) keeps it.
        Assert.Contains("\"lower_int\" integer,", sql);
        // Portable where SQLite writes the portable type with the same text.
        var t = await ReflectAsync("CREATE TABLE t (v VARCHAR(45), plain INTEGER, ts TIMESTAMP, empty)");
        Assert.Equal(SqlType.String(45), t.Column("v")!.Type);
        Assert.Equal(SqlType.Integer(), t.Column("plain")!.Type);
        Assert.Equal(SqlType.Custom("TIMESTAMP"), t.Column("ts")!.Type);
        Assert.Equal(SqlType.Custom(""), t.Column("empty")!.Type);
        Assert.Contains("\"untyped\",", sql);
    }

    [Fact]
    public async Task An_INT_primary_key_stays_a_plain_key_and_INTEGER_stays_a_rowid_alias()
    {
        await using var b = await RecreateAsync("CREATE TABLE plain (id INT PRIMARY KEY, x TEXT)", "CREATE TABLE alias (id INTEGER PRIMARY KEY, x TEXT)");
        await b.ExecuteAsync("INSERT INTO plain (x) VALUES ('a')");
        await b.ExecuteAsync("INSERT INTO alias (x) VALUES ('a')");
        await using var c = b.CreateConnection();
        await c.OpenAsync();
        // Not an alias: the key is a separate column and stays NULL; an alias takes the rowid.
        Assert.Equal(["|a"], await QueryAsync(c, "SELECT id, x FROM plain"));
        Assert.Equal(["1|a"], await QueryAsync(c, "SELECT id, x FROM alias"));
    }

    [Fact]
    public async Task Constraint_names_are_kept_and_unnamed_constraints_stay_unnamed()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]))",
            "CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, [ArtistId] INTEGER NOT NULL, [Code] TEXT, [Qty] INT, PRIMARY KEY ([AlbumId]), "
            + "FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE NO ACTION ON UPDATE NO ACTION, "
            + "CONSTRAINT uq_code UNIQUE (Code), UNIQUE (Qty, Code), CONSTRAINT ck_qty CHECK (Qty > 0), CHECK (Qty < 100))",
            "CREATE TABLE \"Blogs\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_Blogs\" PRIMARY KEY AUTOINCREMENT, \"Name\" TEXT NULL)");
        Assert.Equal("PK_Artist", s["table Artist: primary key", "name"]);
        Assert.Null(s["table Album: primary key", "name"]);
        Assert.Null(s["table Album: foreign key (ArtistId)", "name"]);
        Assert.Equal("no action", s["table Album: foreign key (ArtistId)", "on update"]);
        Assert.Equal("uq_code", s["table Album: unique (Code)", "name"]);
        Assert.Null(s["table Album: unique (Qty, Code)", "name"]);
        Assert.Equal("ck_qty", s["table Album: check (Qty > 0)", "name"]);
        Assert.Null(s["table Album: check (Qty < 100)", "name"]);
        // EF Core's form: a named key on an INTEGER PRIMARY KEY AUTOINCREMENT keeps its name.
        Assert.Equal("PK_Blogs", s["table Blogs: primary key", "name"]);
        Assert.Equal("yes", s["table Blogs: column Id", "autoincrement"]);
        Assert.Contains("\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_Blogs\" PRIMARY KEY AUTOINCREMENT", sql);
        // The explicit NO ACTION is written again (the pragma cannot tell it from none; the dump can).
        Assert.Contains("ON DELETE NO ACTION ON UPDATE NO ACTION", sql);
    }

    [Fact]
    public async Task Column_level_unique_check_and_references_stay_on_their_column()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE p (id INTEGER PRIMARY KEY)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, n INT CONSTRAINT ck_n CHECK (n <> 0), m INT CHECK (m > 1), "
            + "p_id INTEGER REFERENCES p (id) ON DELETE SET NULL, q_id INTEGER CONSTRAINT fk_q REFERENCES p, CHECK (n < m))");
        Assert.Equal("column n", s["table t: check (n <> 0)", "level"]);
        Assert.Equal("ck_n", s["table t: check (n <> 0)", "name"]);
        Assert.Equal("column m", s["table t: check (m > 1)", "level"]);
        Assert.Equal("table", s["table t: check (n < m)", "level"]);
        Assert.Contains("table t: unique (guid)", s.Subjects("unique"));
        Assert.Null(s["table t: unique (guid)", "name"]);
        Assert.Equal("p ((primary key))", s["table t: foreign key (q_id)", "references"]);
        Assert.Contains("\"guid\" TEXT NOT NULL UNIQUE", sql);
        Assert.Contains("\"p_id\" INTEGER REFERENCES \"p\" (\"id\") ON DELETE SET NULL", sql);
        Assert.Contains("\"q_id\" INTEGER CONSTRAINT \"fk_q\" REFERENCES \"p\",", sql);
    }

    [Fact]
    public async Task Strict_and_without_rowid_are_kept()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID",
            "CREATE TABLE st (id INTEGER PRIMARY KEY, n INT NOT NULL) STRICT",
            "CREATE TABLE both_ (a TEXT NOT NULL, b INT, PRIMARY KEY (a)) STRICT, WITHOUT ROWID");
        Assert.Equal("yes", s["table w", "without rowid"]);
        Assert.Equal("yes", s["table st", "strict"]);
        Assert.Equal("yes", s["table both_", "strict"]);
        Assert.Equal("yes", s["table both_", "without rowid"]);
        // A WITHOUT ROWID key is NOT NULL without saying so; no NOT NULL is added to the text.
        Assert.Equal("no", s["table w: column k", "nullable"]);
        Assert.Contains("\"k\" TEXT PRIMARY KEY,", sql);
    }

    [Fact]
    public async Task Descending_collated_and_expression_index_parts_and_partial_indexes_are_kept()
    {
        var (s, _) = await RoundTripAsync(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, frecency INT, name TEXT, hidden INT)",
            "CREATE INDEX ix_desc ON t (frecency DESC, id DESC) WHERE hidden = 0 AND (name GLOB 'http:*' OR name GLOB 'https:*')",
            "CREATE INDEX ix_expr ON t (lower(name), name COLLATE NOCASE)",
            "CREATE UNIQUE INDEX ix_u ON t (name) WHERE name NOT NULL");
        Assert.Equal("frecency DESC, id DESC", s["table t: index ix_desc", "columns"]);
        Assert.Equal("lower(name), name COLLATE NOCASE", s["table t: index ix_expr", "columns"]);
        Assert.Equal("yes", s["table t: index ix_u", "unique"]);
        Assert.Equal("name NOT NULL", s["table t: index ix_u", "where"]);
    }

    [Fact]
    public async Task Generated_columns_collations_and_descending_indexes_are_read_back_and_check_finds_nothing()
    {
        // EF Core's SQLite spelling: a computed column without a declared type, COLLATE on a column, a DESC index.
        var statements = new[]
        {
            "CREATE TABLE \"Receipts\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_Receipts\" PRIMARY KEY AUTOINCREMENT, \"Net\" TEXT NOT NULL, "
            + "\"Gross\" AS (\"Net\" * 1.2) STORED, \"Half\" REAL GENERATED ALWAYS AS (\"Net\" / 2) VIRTUAL, \"Customer\" TEXT NOT NULL COLLATE NOCASE)",
            "CREATE INDEX \"IX_Receipts_Net\" ON \"Receipts\" (\"Net\" DESC)",
        };
        var (s, _) = await RoundTripAsync(statements);
        Assert.Equal("\"Net\" * 1.2 stored", s["table Receipts: column Gross", "generated"]);
        Assert.Equal("\"Net\" / 2 virtual", s["table Receipts: column Half", "generated"]);
        Assert.Equal("NOCASE", s["table Receipts: column Customer", "collation"]);
        Assert.Equal("Net DESC", s["table Receipts: index IX_Receipts_Net", "columns"]);

        // A model stating the same (as EF Core's would) finds nothing to change: all three are read back.
        var live = await ReflectWithIndexAsync(statements);
        var model = live with
        {
            Columns =
            [
                new Column("Id", SqlType.Integer()) { Nullable = false, PrimaryKey = true, Autoincrement = true },
                new Column("Net", SqlType.Text()) { Nullable = false },
                new Column("Gross", SqlType.Custom("")) { Computed = new ComputedColumn("\"Net\" * 1.2") { Stored = true } },
                new Column("Half", SqlType.Custom("REAL")) { Computed = new ComputedColumn("\"Net\" / 2") },
                new Column("Customer", SqlType.Text()) { Nullable = false, Collation = "NOCASE" },
            ],
            Indexes = [new IndexSchema("IX_Receipts_Net", ["Net"]) { Elements = [new IndexElement("Net") { Descending = true }] }],
        };
        Assert.Equal(new ComputedColumn("\"Net\" * 1.2") { Stored = true }, live.Column("Gross")!.Computed);
        Assert.Equal("NOCASE", live.Column("Customer")!.Collation);
        Assert.Empty(new SchemaComparer(Provider).Compare(new DatabaseSchema([model]), new DatabaseSchema([live])).Select(d => d.Description));
    }

    private static async Task<TableSchema> ReflectWithIndexAsync(string[] statements)
    {
        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var sql in statements) await a.ExecuteAsync(sql);
        await using var c = a.CreateConnection();
        await c.OpenAsync();
        return (await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions())).Tables.Single();
    }

    [Fact]
    public async Task Primary_key_column_order_is_kept_and_an_INTEGER_PRIMARY_KEY_gets_no_NOT_NULL()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE pair (a TEXT NOT NULL, b TEXT, PRIMARY KEY (b, a))",
            "CREATE TABLE r (id INTEGER PRIMARY KEY, x TEXT)",
            "CREATE TABLE n (id INTEGER PRIMARY KEY NOT NULL, x TEXT)");
        Assert.Equal("b, a", s["table pair: primary key", "columns"]);
        Assert.Equal("yes", s["table pair: column b", "nullable"]);
        Assert.Equal("yes", s["table r: column id", "nullable"]);
        Assert.Equal("no", s["table n: column id", "nullable"]);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY,", sql);
        Assert.Contains("\"id\" INTEGER NOT NULL PRIMARY KEY,", sql);
    }

    [Fact]
    public async Task A_primary_key_DESC_a_foreign_key_MATCH_and_DEFERRABLE_without_INITIALLY_are_kept_as_written()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE p (id INTEGER PRIMARY KEY DESC, code TEXT)",
            "CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a DESC, b))",
            "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) MATCH FULL DEFERRABLE, q_id INTEGER, r_id INTEGER, "
            + "FOREIGN KEY (q_id) REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE, FOREIGN KEY (r_id) REFERENCES p (id) MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED)");
        Assert.Equal("id", s["table p: primary key", "descending"]);
        Assert.Equal("a", s["table pair: primary key", "descending"]);
        // SQLite parses MATCH and ignores it (pragma_foreign_key_list always says NONE): only the text, and so the dump, keeps it.
        Assert.Equal("none", s["table c: foreign key (p_id)", "match"]);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY DESC,", sql);
        Assert.Contains("PRIMARY KEY (\"a\" DESC, \"b\")", sql);
        Assert.Contains("REFERENCES \"p\" (\"id\") MATCH FULL DEFERRABLE,", sql);
        Assert.Contains("REFERENCES \"p\" (\"id\") DEFERRABLE INITIALLY IMMEDIATE,", sql);
        Assert.Contains("REFERENCES \"p\" (\"id\") MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED", sql);

        // INTEGER PRIMARY KEY DESC is no rowid alias (SQLite's documented quirk): the recreated key stays NULL.
        await using var b = await RecreateAsync("CREATE TABLE p (id INTEGER PRIMARY KEY DESC, code TEXT)");
        await b.ExecuteAsync("INSERT INTO p (code) VALUES ('a')");
        await using var conn = b.CreateConnection();
        await conn.OpenAsync();
        Assert.Equal(["|a"], await QueryAsync(conn, "SELECT id, code FROM p"));

        // check compares MATCH when the model states it.
        var live = await ReflectAsync("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES c (id) MATCH FULL)");
        var fk = live.ForeignKeys.Single();
        Assert.Equal("FULL", fk.Match);
        Assert.Empty(new SchemaComparer(Provider).Compare(new DatabaseSchema([live with { ForeignKeys = [fk with { Match = null }] }]), new DatabaseSchema([live])));
        Assert.Equal(["remove foreign key fk_c_p_id_c on c (changed)", "add foreign key fk_c_p_id_c on c"],
            new SchemaComparer(Provider).Compare(new DatabaseSchema([live with { ForeignKeys = [fk with { Match = "SIMPLE" }] }]), new DatabaseSchema([live])).Select(d => d.Description));
    }

    [Fact]
    public async Task Autoincrement_and_a_plain_rowid_alias_are_told_apart()
    {
        var (s, _) = await RoundTripAsync(
            "CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)",
            "CREATE TABLE alias (id INTEGER PRIMARY KEY, x TEXT)");
        Assert.Equal("yes", s["table auto: column id", "autoincrement"]);
        Assert.Null(s["table alias: column id", "autoincrement"]);
        var auto = await ReflectAsync("CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)");
        Assert.True(auto.Column("id")!.Autoincrement);
    }

    [Fact]
    public async Task Expression_defaults_keep_their_parentheses_and_literals_stay_bare()
    {
        var (s, sql) = await RoundTripAsync(
            "CREATE TABLE t (a INT DEFAULT (1 + 1), b TEXT DEFAULT (datetime('now')), c INT DEFAULT -1, d TEXT DEFAULT 'it''s', "
            + "e TEXT DEFAULT CURRENT_TIMESTAMP, f INT DEFAULT NULL, g REAL DEFAULT 4.99, h BLOB DEFAULT x'00ff')");
        Assert.Equal("1 + 1", s["table t: column a", "default"]);
        Assert.Equal("-1", s["table t: column c", "default"]);
        Assert.Contains("DEFAULT (1 + 1)", sql);
        Assert.Contains("DEFAULT 'it''s'", sql);

        // A default written without parentheses in a revision still makes valid SQL.
        await using var db = await FidelityDatabase.CreateAsync("sqlite");
        var create = new Ops.CreateTableOperation("d", [new Column("n", SqlType.Integer()) { ServerDefault = "1 + 1" }, new Column("s", SqlType.Text()) { ServerDefault = "datetime('now')" }]);
        foreach (var statement in Provider.Dialect.Generate(create)) await db.ExecuteAsync(statement.Sql);
        await db.ExecuteAsync("INSERT INTO d DEFAULT VALUES");
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        Assert.Equal("2", (await QueryAsync(c, "SELECT n FROM d")).Single());
    }

    [Fact]
    public async Task Tables_are_dropped_by_foreign_key_dependency_with_keys_enforced()
    {
        // RoundTripAsync drops with PRAGMA foreign_keys = ON: a parent before its children fails there.
        await RoundTripAsync(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, origin_id INTEGER, FOREIGN KEY(origin_id) REFERENCES moz_origins(id) ON DELETE CASCADE)",
            "CREATE TABLE moz_origins (id INTEGER PRIMARY KEY)",
            "CREATE TABLE moz_visits (id INTEGER PRIMARY KEY, place_id INTEGER NOT NULL REFERENCES moz_places(id), from_visit INTEGER REFERENCES moz_visits(id))",
            "CREATE TABLE a_child (id INTEGER PRIMARY KEY, v INTEGER REFERENCES moz_visits(id))",
            "INSERT INTO moz_origins VALUES (1)", "INSERT INTO moz_places VALUES (1, 1)", "INSERT INTO moz_visits VALUES (1, 1, NULL)", "INSERT INTO a_child VALUES (1, 1)");
    }

    [Fact]
    public async Task Views_and_triggers_are_reflected_as_written_and_compare_equal_to_themselves()
    {
        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var sql in new[] { "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT)", "CREATE VIEW v AS SELECT n FROM t",
                     "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET n = 0 WHERE id = new.id; END" })
            await a.ExecuteAsync(sql);
        await using var c = a.CreateConnection();
        await c.OpenAsync();
        var live = await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
        Assert.Empty(live.Unsupported);
        Assert.Equal("SELECT n FROM t", Assert.Single(live.Views, v => v.Name == "v").Query);
        var trigger = Assert.Single(live.Triggers);
        Assert.Equal(("tr", "t", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET n = 0 WHERE id = new.id; END"), (trigger.Name, trigger.Table, trigger.Definition));
        Assert.Equal(["t"], live.Tables.Select(t => t.Name));
        Assert.Empty(new SchemaComparer(Provider).Compare(live, live));
    }

    [Fact]
    public async Task Virtual_tables_are_created_as_written_and_their_shadow_tables_are_left_to_the_module()
    {
        var (snapshot, sql) = await RoundTripAsync(
            "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter')",
            "create  virtual table if not exists \"old docs\" using fts4 ( a, b )",
            "CREATE VIRTUAL TABLE boxes USING rtree(id, minX, maxX)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY)",
            "CREATE VIEW hits AS SELECT title FROM docs WHERE docs MATCH 'x'");
        // Shadow tables (docs_data, "old docs_segdir", boxes_node …) exist on both sides, made by the modules alone.
        Assert.Contains("table docs_data", snapshot.Subjects("table"));
        Assert.DoesNotContain("docs_data", sql);
        Assert.Contains("CREATE VIRTUAL TABLE \"old docs\" using fts4 ( a, b )", sql);

        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        await a.ExecuteAsync("create  virtual table if not exists docs using fts5(title, body)");
        await using var c = a.CreateConnection();
        await c.OpenAsync();
        var reflector = Provider.CreateReflector()!;
        var live = await reflector.ReflectAsync(c, new ReflectOptions());
        Assert.Empty(live.Tables);
        Assert.Empty(live.Unsupported);
        Assert.Equal("CREATE VIRTUAL TABLE docs using fts5(title, body)", Assert.Single(live.VirtualTables).Definition);
        // A model that writes the statement its own way compares as SQLite stores it; a changed one is dropped and created.
        var model = new MetaData().VirtualTable(new VirtualTableDefinition("docs", "  CREATE VIRTUAL TABLE IF NOT EXISTS docs using fts5(title, body);")).ToSchema();
        Assert.Empty(new SchemaComparer(Provider).Compare(await reflector.ServerFormAsync(model, c), live));
        var changed = new MetaData().VirtualTable(new VirtualTableDefinition("docs", "CREATE VIRTUAL TABLE docs USING fts5(title, body, extra)")).ToSchema();
        Assert.Equal(["modify virtual table docs", "modify virtual table docs (created again)"],
            new SchemaComparer(Provider).Compare(await reflector.ServerFormAsync(changed, c), live).Select(d => d.Description));
    }

    [Fact]
    public async Task On_conflict_clauses_are_kept_on_keys_uniques_and_not_null()
    {
        string[] statements =
        [
            "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, g TEXT NOT NULL ON CONFLICT IGNORE, h TEXT UNIQUE ON CONFLICT ROLLBACK, UNIQUE (g) ON CONFLICT FAIL)",
            "CREATE TABLE pair (a TEXT, b TEXT, CONSTRAINT pk_pair PRIMARY KEY (a, b) ON CONFLICT IGNORE)",
        ];
        var (_, sql) = await RoundTripAsync(statements);
        Assert.Contains("\"id\" INTEGER PRIMARY KEY ON CONFLICT REPLACE,", sql);
        Assert.Contains("\"g\" TEXT NOT NULL ON CONFLICT IGNORE,", sql);
        Assert.Contains("\"h\" TEXT UNIQUE ON CONFLICT ROLLBACK,", sql);
        Assert.Contains("UNIQUE (\"g\") ON CONFLICT FAIL", sql);
        Assert.Contains("PRIMARY KEY (\"a\", \"b\") ON CONFLICT IGNORE", sql);

        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var statement in statements) await a.ExecuteAsync(statement);
        await using var c = a.CreateConnection();
        await c.OpenAsync();
        var live = await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
        Assert.Empty(live.Unsupported);
        var t = live.Tables.Single(x => x.Name == "t");
        Assert.Equal("REPLACE", t.PrimaryKey!.OnConflict);
        Assert.Equal("IGNORE", t.Column("g")!.NotNullOnConflict);
        Assert.Equal(["ROLLBACK", "FAIL"], t.UniqueConstraints.Select(u => u.OnConflict));

        // What the clauses do survives the round trip: REPLACE overwrites the row with the same key, IGNORE skips a pair.
        await using var b = await RecreateAsync(statements);
        foreach (var insert in new[] { "INSERT INTO t VALUES (1, 'x', 'a')", "INSERT INTO t VALUES (1, 'y', 'b')", "INSERT INTO t (id, h) VALUES (2, 'c')",
                     "INSERT INTO pair VALUES ('1', '2')", "INSERT INTO pair VALUES ('1', '2')" })
            await b.ExecuteAsync(insert);
        await using var cb = b.CreateConnection();
        await cb.OpenAsync();
        Assert.Equal(["1|y|b"], await QueryAsync(cb, "SELECT * FROM t"));
        Assert.Equal(["1"], await QueryAsync(cb, "SELECT COUNT(*) FROM pair"));
    }

    private static async Task<TableSchema> ReflectAsync(string sql)
    {
        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        await a.ExecuteAsync(sql);
        await using var c = a.CreateConnection();
        await c.OpenAsync();
        return (await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions())).Tables.Single();
    }

    private static async Task<List<string>> QueryAsync(System.Data.Common.DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    /// <summary>B recreated from A's reflection, the catalogs and dumps compared; the caller owns B.</summary>
    private static async Task<FidelityDatabase> RecreateAsync(params string[] statements)
    {
        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        var b = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var sql in statements) await a.ExecuteAsync(sql);
        await ReflectAndRecreateAsync(a, b);
        return b;
    }

    private static async Task<(DatabaseSchema Reflected, string Sql)> ReflectAndRecreateAsync(FidelityDatabase a, FidelityDatabase b)
    {
        DatabaseSchema reflected;
        await using (var c = a.CreateConnection())
        {
            await c.OpenAsync();
            reflected = await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
        }
        var written = new List<string>();
        foreach (var diff in new SchemaComparer(Provider).Compare(reflected, new DatabaseSchema([])))
            foreach (var statement in Provider.Dialect.Generate(diff.Upgrade))
            {
                written.Add(statement.Sql);
                await b.ExecuteAsync(statement.Sql);
            }
        CatalogAssert.Same(await a.SnapshotAsync(), await b.SnapshotAsync(), "the original and the recreated tables");
        var dumpDifferences = SchemaDump.Compare(await SchemaDump.ReadAsync(a), await SchemaDump.ReadAsync(b));
        Assert.True(dumpDifferences.Count == 0, string.Join("\n", dumpDifferences));
        return (reflected, string.Join(";\n", written));
    }

    /// <summary>Recreates A's tables on B (same catalog, same dump), then drops them all on A with keys enforced.</summary>
    private static async Task<(CatalogSnapshot Snapshot, string Sql)> RoundTripAsync(params string[] statements)
    {
        await using var a = await FidelityDatabase.CreateAsync("sqlite");
        await using var b = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var sql in statements) await a.ExecuteAsync(sql);
        var (reflected, written) = await ReflectAndRecreateAsync(a, b);
        var snapshotA = await a.SnapshotAsync();

        await using (var c = a.CreateConnection())
        {
            await c.OpenAsync();
            await QueryAsync(c, "PRAGMA foreign_keys = ON");
            foreach (var diff in new SchemaComparer(Provider).Compare(new DatabaseSchema([]), reflected))
                foreach (var statement in Provider.Dialect.Generate(diff.Upgrade))
                    await QueryAsync(c, statement.Sql);
        }
        Assert.Empty((await a.SnapshotAsync()).Subjects("table"));
        return (snapshotA, written);
    }
}
