namespace Retort.Tests.Fidelity;

/// <summary>
/// The reference itself: a schema loaded twice reads back identically (so a difference in a round trip is real), the
/// snapshot holds what the catalog says about known objects, and a one-attribute change is reported as exactly one line.
/// </summary>
public class CatalogSnapshotTests
{
    public static TheoryData<string, string> Schemas() => SampleSchemas.All();

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task A_schema_loaded_twice_has_no_differences(string dialect, string schema)
    {
        await using var a = await FidelityDatabase.CreateAsync(dialect);
        await using var b = await FidelityDatabase.CreateAsync(dialect);
        await a.LoadAsync(SampleSchemas.File(dialect, schema));
        await b.LoadAsync(SampleSchemas.File(dialect, schema));

        var sa = await a.SnapshotAsync();
        Assert.NotEmpty(sa.Subjects("table"));
        Assert.NotEmpty(sa.Subjects("column"));
        CatalogAssert.Same(sa, await b.SnapshotAsync());
        var da = await SchemaDump.ReadAsync(a);
        Assert.Contains(da, s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal));
        Assert.Empty(SchemaDump.Compare(da, await SchemaDump.ReadAsync(b)));
    }

    [Fact]
    public async Task Pagila_reads_back_as_postgresql_spells_it()
    {
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        await db.LoadAsync(SampleSchemas.File("postgresql", "pagila"));
        var s = await db.SnapshotAsync();

        Assert.Equal("'G'::mpaa_rating", s["table film: column rating", "default"]);
        Assert.Equal("mpaa_rating", s["table film: column rating", "type"]);
        Assert.Equal("year", s["table film: column release_year", "type"]);
        Assert.Equal("nextval('film_film_id_seq'::regclass)", s["table film: column film_id", "default"]);
        Assert.Equal("'G', 'PG', 'PG-13', 'R', 'NC-17'", s["enum mpaa_rating", "labels"]);
        Assert.Equal("integer", s["domain year", "base type"]);
        Assert.Equal("year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)", s["domain year", "constraints"]);
        Assert.Equal("cascade", s["table address: constraint address_city_id_fkey", "on update"]);
        Assert.Equal("restrict", s["table address: constraint address_city_id_fkey", "on delete"]);
        Assert.Equal("city (city_id)", s["table address: constraint address_city_id_fkey", "references"]);
        Assert.Equal("gist", s["table film: index film_fulltext_idx", "method"]);
        Assert.Equal("fulltext", s["table film: index film_fulltext_idx", "columns"]);
        Assert.Equal("rental_date, inventory_id, customer_id", s["table rental: index idx_unq_rental_rental_date_inventory_id_customer_id", "columns"]);
        Assert.Equal("yes", s["table rental: index idx_unq_rental_rental_date_inventory_id_customer_id", "unique"]);
        Assert.Equal("payment_date, payment_id", s["table payment: constraint payment_pkey", "columns"]);
        Assert.Equal("text[]", s["table film: column special_features", "type"]);
    }

    [Fact]
    public async Task Sakila_reads_back_as_mariadb_spells_it()
    {
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        await db.LoadAsync(SampleSchemas.File("mysql", "sakila"));
        var s = await db.SnapshotAsync();

        Assert.Equal("smallint(5) unsigned", s["table actor: column actor_id", "type"]);
        Assert.Equal("yes", s["table actor: column actor_id", "auto increment"]);
        Assert.Equal("timestamp", s["table actor: column last_update", "type"]);
        Assert.Equal("current_timestamp()", s["table actor: column last_update", "on update"]);
        Assert.Equal("current_timestamp()", s["table actor: column last_update", "default"]);
        Assert.Equal("enum('G','PG','PG-13','R','NC-17')", s["table film: column rating", "type"]);
        Assert.Equal("set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes')", s["table film: column special_features", "type"]);
        Assert.Equal("cascade", s["table address: constraint fk_address_city", "on update"]);
        Assert.Equal("restrict", s["table address: constraint fk_address_city", "on delete"]);
        Assert.Equal("FULLTEXT", s["table film_text: index idx_title_description", "method"]);
        Assert.Equal("title, description", s["table film_text: index idx_title_description", "columns"]);
        Assert.Equal("SPATIAL", s["table address: index idx_location", "method"]);
        Assert.Equal("InnoDB", s["table film_text", "engine"]);
        Assert.Equal("utf8mb3", s["table actor: column first_name", "charset"]);
    }

    [Fact]
    public async Task Places_reads_back_as_sqlite_spells_it()
    {
        await using var db = await FidelityDatabase.CreateAsync("sqlite");
        await db.LoadAsync(SampleSchemas.File("sqlite", "places"));
        var s = await db.SnapshotAsync();

        Assert.Equal("yes", s["table moz_places_tombstones", "without rowid"]);
        Assert.Equal("LONGVARCHAR", s["table moz_places: column url", "type"]);
        Assert.Equal("", s["table moz_meta: column value", "type"]);
        Assert.Equal("frecency DESC", s["table moz_places: index idx_places_outgoing_by_frecency", "columns"]);
        Assert.Equal("hidden = 0 AND (sync_change_counter > 0 OR sync_status != 2)", s["table moz_places: index idx_places_outgoing_by_frecency", "where"]);
        Assert.Equal("keyword NOT NULL", s["table moz_bookmarks_synced: index moz_bookmarks_synced_keywords", "where"]);
        Assert.Equal("table", s["table moz_places_metadata: check (place_id != referrer_place_id)", "level"]);
        Assert.Equal("restrict", s["table moz_bookmarks: foreign key (fk)", "on delete"]);
        Assert.Equal("moz_places (id)", s["table moz_bookmarks: foreign key (fk)", "references"]);
        Assert.Equal("yes", s["table moz_places: unique (guid)", CatalogFact.Exists]);

        await using var chinook = await FidelityDatabase.CreateAsync("sqlite");
        await chinook.LoadAsync(SampleSchemas.File("sqlite", "chinook"));
        var c = await chinook.SnapshotAsync();
        Assert.Equal("NVARCHAR(160)", c["table Album: column Title", "type"]);
        Assert.Equal("PK_Album", c["table Album: primary key", "name"]);

        await using var sakila = await FidelityDatabase.CreateAsync("sqlite");
        await sakila.LoadAsync(SampleSchemas.File("sqlite", "sakila"));
        var k = await sakila.SnapshotAsync();
        Assert.Equal("CHECK_special_rating", k["table film: check (rating in ('G','PG','PG-13','R','NC-17'))", "name"]);
    }

    [Fact]
    public void Sqlite_ddl_reader_finds_what_only_the_create_text_holds()
    {
        var t = SqliteDdl.ParseTable("""
            CREATE TABLE "t" (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                code TEXT COLLATE NOCASE CONSTRAINT ck_code CHECK (length(code) = 3) UNIQUE,
                parent INTEGER CONSTRAINT fk_parent REFERENCES t(id) DEFERRABLE INITIALLY DEFERRED,
                total REAL GENERATED ALWAYS AS (id * 2) STORED, -- a comment with a ' quote
                CHECK (id > 0)
                CONSTRAINT uq_pair UNIQUE (code, parent)
            ) STRICT, WITHOUT ROWID
            """);
        Assert.Equal(["id", "code", "parent", "total"], t.Columns.Select(c => c.Name));
        Assert.True(t.Columns[0].Autoincrement);
        Assert.Equal("NOCASE", t.Columns[1].Collation);
        Assert.Equal("id * 2 stored", t.Columns[3].Generated);
        Assert.Equal("STRICT, WITHOUT ROWID", t.Options);
        var all = t.Constraints.Concat(t.Columns.SelectMany(c => c.Constraints)).ToList();
        Assert.Contains(all, c => c is { Kind: "check", Name: "ck_code", Check: "length(code) = 3" } && c.Columns.SequenceEqual(["code"]));
        Assert.Contains(all, c => c is { Kind: "check", Name: null, Check: "id > 0" } && c.Columns.Count == 0);
        Assert.Contains(all, c => c is { Kind: "unique", Name: "uq_pair" } && c.Columns.SequenceEqual(["code", "parent"]));
        Assert.Contains(all, c => c is { Kind: "unique", Name: null } && c.Columns.SequenceEqual(["code"]));
        Assert.Contains(all, c => c is { Kind: "foreign key", Name: "fk_parent", References: "t (id)", Deferrable: true, InitiallyDeferred: true });
        Assert.Contains(all, c => c is { Kind: "primary key" } && c.Columns.SequenceEqual(["id"]));

        var ix = SqliteDdl.ParseIndex("CREATE INDEX ix ON t (lower(code) COLLATE NOCASE DESC, parent) WHERE parent IS NOT NULL;");
        Assert.Equal(["lower(code) COLLATE NOCASE DESC", "parent"], ix.Items);
        Assert.Equal("parent IS NOT NULL", ix.Where);
    }

    public static TheoryData<string, string, string, string> Mutations() => new()
    {
        // A foreign key that loses ON UPDATE CASCADE, the first loss the schema-fidelity issue lists.
        { "postgresql", "pagila", "ALTER TABLE address DROP CONSTRAINT address_city_id_fkey; ALTER TABLE address ADD CONSTRAINT address_city_id_fkey FOREIGN KEY (city_id) REFERENCES city (city_id) ON DELETE RESTRICT",
            "table address: constraint address_city_id_fkey: on update cascade vs no action" },
        { "mysql", "sakila", "ALTER TABLE actor MODIFY last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
            "table actor: column last_update: on update current_timestamp() vs (absent)" },
        { "sqlite", "chinook", "CREATE INDEX IFK_AlbumArtistId2 ON Album (ArtistId DESC)",
            "table Album: index IFK_AlbumArtistId2: absent vs present" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task One_changed_attribute_is_one_line(string dialect, string schema, string change, string expected)
    {
        await using var a = await FidelityDatabase.CreateAsync(dialect);
        await using var b = await FidelityDatabase.CreateAsync(dialect);
        await a.LoadAsync(SampleSchemas.File(dialect, schema));
        await b.LoadAsync(SampleSchemas.File(dialect, schema));
        foreach (var statement in change.Split("; "))
            await b.ExecuteAsync(statement);

        var differences = CatalogSnapshot.Compare(await a.SnapshotAsync(), await b.SnapshotAsync());
        Assert.Equal([expected], differences.Select(d => d.ToString()));
        Assert.NotEmpty(SchemaDump.Compare(await SchemaDump.ReadAsync(a), await SchemaDump.ReadAsync(b)));
    }
}
