using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Schema;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.MySql;

/// <summary>
/// One test per MariaDB loss the schema-fidelity issue found: a table using the feature is made with plain SQL on
/// database A, Retort reflects A and writes the CREATE statements autogenerate would, they run on an empty database B,
/// and A and B must have the same catalog (read by the independent <see cref="CatalogSnapshot"/>) and the same
/// mariadb-dump. Then the drops autogenerate writes for an empty model must empty A.
/// </summary>
public class MariaDbFidelityTests
{
    private static readonly DatabaseProvider Provider = DatabaseProviders.Get("mysql");

    [Fact]
    public async Task Unsigned_and_display_widths_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, small SMALLINT UNSIGNED, big BIGINT UNSIGNED, "
            + "price DECIMAL(5,2) UNSIGNED, medium MEDIUMINT(8) UNSIGNED ZEROFILL, narrow INT(5), tiny TINYINT UNSIGNED, flag TINYINT(1))");
        Assert.Equal("int(10) unsigned", s["table t: column id", "type"]);
        Assert.Equal("decimal(5,2) unsigned", s["table t: column price", "type"]);
        Assert.Equal("mediumint(8) unsigned zerofill", s["table t: column medium", "type"]);
        Assert.Equal("int(5)", s["table t: column narrow", "type"]);
    }

    [Fact]
    public async Task Timestamps_and_on_update_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
            + "maybe TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, empty TIMESTAMP NULL, "
            + "precise DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))");
        Assert.Equal("timestamp", s["table t: column changed", "type"]);
        Assert.Equal("current_timestamp()", s["table t: column changed", "on update"]);
        Assert.Equal("yes", s["table t: column maybe", "nullable"]);
        Assert.Equal("current_timestamp(6)", s["table t: column precise", "on update"]);
    }

    [Fact]
    public async Task Charsets_collations_engine_and_table_options_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(10) CHARACTER SET latin1, b VARCHAR(10) COLLATE utf8mb4_bin, "
            + "c TEXT CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci, d VARCHAR(40) BINARY) "
            + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=COMPACT COMMENT='it''s t'",
            "CREATE TABLE m (id INT PRIMARY KEY, body TEXT) ENGINE=MyISAM DEFAULT CHARSET=latin1");
        Assert.Equal("latin1", s["table t: column a", "charset"]);
        Assert.Equal("utf8mb4_bin", s["table t: column b", "collation"]);
        Assert.Equal("utf8mb4_unicode_ci", s["table t", "collation"]);
        Assert.Equal("row_format=COMPACT", s["table t", "create options"]);
        Assert.Equal("MyISAM", s["table m", "engine"]);
    }

    [Fact]
    public async Task Json_is_longtext_with_its_own_check_and_column_and_table_checks_stay_in_order()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, doc JSON, raw LONGTEXT, qty INT, n INT CHECK (n <> 0), CONSTRAINT raw_is_json CHECK (json_valid(raw)), CONSTRAINT qty_positive CHECK (qty > 0), CONSTRAINT a_last CHECK (qty < 100))");
        Assert.Equal("`n` <> 0", s["table t: constraint n", "definition"]);
        Assert.Equal("longtext", s["table t: column doc", "type"]);
        Assert.Equal("json_valid(`doc`)", s["table t: constraint doc", "definition"]);
        Assert.Equal("json_valid(`raw`)", s["table t: constraint raw_is_json", "definition"]);
    }

    [Fact]
    public async Task Prefix_descending_fulltext_spatial_and_hash_indexes_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(255), body TEXT, place GEOMETRY NOT NULL, n INT, "
            + "KEY ix_prefix (title(20), n DESC), FULLTEXT KEY ft (title, body), SPATIAL KEY sp (place), UNIQUE KEY uq_n (n), KEY ix_body (body(100)))",
            "CREATE TABLE mem (id INT PRIMARY KEY, n INT, KEY ix_hash (n), KEY ix_tree (n) USING BTREE) ENGINE=MEMORY");
        Assert.Equal("title(20), n DESC", s["table t: index ix_prefix", "columns"]);
        Assert.Equal("FULLTEXT", s["table t: index ft", "method"]);
        Assert.Equal("SPATIAL", s["table t: index sp", "method"]);
        Assert.Equal("BTREE", s["table mem: index ix_tree", "method"]);
    }

    [Fact]
    public async Task Exact_types_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, rating ENUM('G','PG-13','it''s') DEFAULT 'G', features SET('a','b c'), made YEAR, place POINT, shape GEOMETRY, "
            + "hash BINARY(16), bytes VARBINARY(20), code CHAR(20), bits BIT(3), small_text TINYTEXT, medium MEDIUMBLOB, ratio FLOAT(7,3), d DOUBLE, "
            + "at TIME(3), dt DATETIME, day DATE, id2 UUID, addr INET6, txt TEXT, blb BLOB, big_text LONGTEXT)");
        Assert.Equal("enum('G','PG-13','it''s')", s["table t: column rating", "type"]);
        Assert.Equal("year(4)", s["table t: column made", "type"]);
        Assert.Equal("binary(16)", s["table t: column hash", "type"]);
        Assert.Equal("point", s["table t: column place", "type"]);
        Assert.Equal("uuid", s["table t: column id2", "type"]);
    }

    [Fact]
    public async Task Generated_columns_are_kept()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE t (id INT PRIMARY KEY, qty INT NOT NULL, twice INT AS (qty * 2) VIRTUAL, thrice INT AS (qty * 3) PERSISTENT, label VARCHAR(20) AS (CONCAT('n', qty)) STORED)");
        Assert.Equal("`qty` * 2 virtual", s["table t: column twice", "generated"]);
        Assert.Equal("`qty` * 3 stored", s["table t: column thrice", "generated"]);
    }

    [Fact]
    public async Task Foreign_key_actions_implicit_indexes_and_cycles_are_kept_and_dropped()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE a (id INT PRIMARY KEY, b_id INT, KEY ix_b (b_id))",
            "CREATE TABLE b (id INT PRIMARY KEY, a_id INT, other_a INT, third_a INT, "
            + "CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id) ON UPDATE CASCADE ON DELETE SET NULL, "
            + "CONSTRAINT b_other FOREIGN KEY (other_a) REFERENCES a (id) ON UPDATE NO ACTION ON DELETE NO ACTION, "
            + "CONSTRAINT b_third FOREIGN KEY (third_a) REFERENCES a (id) ON DELETE RESTRICT)",
            "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE CASCADE",
            "CREATE TABLE self (id INT PRIMARY KEY, parent INT, CONSTRAINT self_parent FOREIGN KEY (parent) REFERENCES self (id))");
        Assert.Equal("cascade", s["table b: constraint b_a", "on update"]);
        Assert.Equal("no action", s["table b: constraint b_other", "on delete"]);
        Assert.Equal("restrict", s["table b: constraint b_third", "on delete"]);
        Assert.Equal("b_id", s["table a: index ix_b", "columns"]);
        Assert.Null(s["table a: index a_b", "columns"]);
        Assert.Equal("a_id", s["table b: index b_a", "columns"]);
    }

    [Fact]
    public async Task Reflection_runs_a_fixed_number_of_queries()
    {
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        for (var i = 0; i < 12; i++)
            await db.ExecuteAsync($"CREATE TABLE t{i} (id INT PRIMARY KEY, v VARCHAR(10) COLLATE utf8mb4_bin, KEY ix{i} (v(3)))");
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        var reflector = Provider.CreateReflector()!;
        var schema = await reflector.ReflectAsync(c, new ReflectOptions());
        Assert.Equal(12, schema.Tables.Count);
        // Six for the tables, one each for views, routines (mysql.proc), triggers and events; the views' texts come
        // in one batch only when there are views.
        Assert.Equal(10, reflector.QueryCount);
    }

    [Fact]
    public async Task Partitions_of_every_method_are_kept_and_read_in_one_more_query()
    {
        var s = await RoundTripAsync(
            "CREATE TABLE r (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE COLUMNS (d) (PARTITION p01 VALUES LESS THAN ('1985-12-31'), PARTITION p19 VALUES LESS THAN (MAXVALUE))",
            "CREATE TABLE y (id INT NOT NULL, d DATE NOT NULL) PARTITION BY RANGE (YEAR(d)) (PARTITION a VALUES LESS THAN (1990) COMMENT 'old', PARTITION b VALUES LESS THAN MAXVALUE)",
            "CREATE TABLE l (id INT NOT NULL, c INT) PARTITION BY LIST (c) (PARTITION a VALUES IN (1, 2, NULL), PARTITION b VALUES IN (3), PARTITION z DEFAULT)",
            "CREATE TABLE k (id INT NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 3",
            "CREATE TABLE s (id INT NOT NULL, d DATE NOT NULL) PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 (PARTITION a VALUES LESS THAN (1990), PARTITION b VALUES LESS THAN MAXVALUE)",
            "CREATE TABLE h (id INT NOT NULL) PARTITION BY LINEAR HASH (id) (PARTITION x, PARTITION `y z`)");
        Assert.Contains("PARTITION `z` DEFAULT", s["table l", "other options"]);
        Assert.Contains("PARTITIONS 3", s["table k", "other options"]);

        await using var db = await FidelityDatabase.CreateAsync("mysql");
        await db.ExecuteAsync("CREATE TABLE l (id INT NOT NULL, c INT) PARTITION BY LIST (c) (PARTITION a VALUES IN (1, 2, NULL), PARTITION z DEFAULT)");
        await db.ExecuteAsync("CREATE TABLE k (id INT NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 3");
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        var reflector = Provider.CreateReflector()!;
        var schema = await reflector.ReflectAsync(c, new ReflectOptions());
        Assert.Equal(11, reflector.QueryCount);
        var l = schema.Tables.Single(t => t.Name == "l");
        Assert.Equal("LIST (`c`)", l.PartitionBy);
        Assert.Equal(["a VALUES IN (NULL,1,2)", "z DEFAULT"], l.Partitions.Select(p => $"{p.Name} {p.Definition}"));
        var k = schema.Tables.Single(t => t.Name == "k");
        Assert.Equal("KEY (`id`)", k.PartitionBy);
        Assert.Equal(["p0", "p1", "p2"], k.Partitions.Select(p => p.Name + p.Definition));
        Assert.Empty(schema.Unsupported);
    }

    [Fact]
    public async Task Views_triggers_routines_and_partitions_are_reflected_and_nothing_listed_as_unsupported()
    {
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        foreach (var sql in new[]
        {
            "CREATE TABLE t (id INT PRIMARY KEY, n INT)",
            "CREATE TABLE logs (id INT NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2",
            "CREATE VIEW v AS SELECT id FROM t",
            "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1",
            "CREATE PROCEDURE p() SELECT 1",
            "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1",
        })
            await db.ExecuteAsync(sql);
        await using var c = db.CreateConnection();
        await c.OpenAsync();
        var schema = await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
        var listed = schema.Unsupported.Select(u => $"{u.Kind} {u.Name}{(u.Table is null ? "" : " on " + u.Table)}").ToList();
        Assert.Empty(listed);
        Assert.Equal(["p0", "p1"], schema.Tables.Single(t => t.Name == "logs").Partitions.Select(p => p.Name));
        Assert.Equal(["logs", "t"], schema.Tables.Select(t => t.Name));
        Assert.Equal(["v"], schema.Views.Select(v => v.Name));
        Assert.Equal(["t_bi on t"], schema.Triggers.Select(t => $"{t.Name} on {t.Table}"));
        Assert.Equal(["Function f", "Procedure p"], schema.Routines.Select(r => $"{r.Kind} {r.Name}").Order());
    }

    /// <summary>
    /// Runs <paramref name="statements"/> on A, recreates A's tables on B from Retort's reflection, asserts the same
    /// catalog and dump, drops everything on A with autogenerate's drops, and returns A's catalog for the test's own checks.
    /// </summary>
    private static async Task<CatalogSnapshot> RoundTripAsync(params string[] statements)
    {
        await using var a = await FidelityDatabase.CreateAsync("mysql");
        await using var b = await FidelityDatabase.CreateAsync("mysql");
        foreach (var sql in statements) await a.ExecuteAsync(sql);
        DatabaseSchema reflected;
        await using (var c = a.CreateConnection())
        {
            await c.OpenAsync();
            reflected = await Provider.CreateReflector()!.ReflectAsync(c, new ReflectOptions());
        }
        var empty = new DatabaseSchema([]);
        var comparer = new SchemaComparer(Provider);
        foreach (var diff in comparer.Compare(reflected, empty))
            foreach (var statement in Provider.Dialect.Generate(diff.Upgrade))
                await b.ExecuteAsync(statement.Sql);
        var snapshotA = await a.SnapshotAsync();
        CatalogAssert.Same(snapshotA, await b.SnapshotAsync(), "the original and the recreated tables");
        var dumpDifferences = SchemaDump.Compare(await SchemaDump.ReadAsync(a), await SchemaDump.ReadAsync(b));
        Assert.True(dumpDifferences.Count == 0, string.Join("\n", dumpDifferences));

        foreach (var diff in comparer.Compare(empty, reflected))
            foreach (var statement in Provider.Dialect.Generate(diff.Upgrade))
                await a.ExecuteAsync(statement.Sql);
        Assert.Empty((await a.SnapshotAsync()).Subjects("table"));
        return snapshotA;
    }
}
