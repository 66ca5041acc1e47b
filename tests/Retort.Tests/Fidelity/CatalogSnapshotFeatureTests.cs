namespace Retort.Tests.Fidelity;

/// <summary>
/// The catalog reader on the features real sample schemas rarely use but the fidelity work must keep: identity ALWAYS
/// with options, generated columns, INCLUDE / partial / expression / DESC indexes, DEFERRABLE foreign keys, exclusion
/// constraints, comments, collations, prefix indexes, STRICT tables. Each value is what the catalog itself reports.
/// </summary>
public class CatalogSnapshotFeatureTests
{
    [Fact]
    public async Task Postgresql_features_are_read()
    {
        await using var db = await FidelityDatabase.CreateAsync("postgresql");
        foreach (var sql in new[]
        {
            "CREATE EXTENSION IF NOT EXISTS btree_gist",
            "CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY, code text COLLATE \"C\" NOT NULL UNIQUE NULLS NOT DISTINCT)",
            "CREATE TABLE child (id serial PRIMARY KEY, parent_id bigint, qty int NOT NULL CHECK (qty > 0), total numeric GENERATED ALWAYS AS (qty * 2) STORED, during tsrange, doc json, "
                + "CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED, "
                + "CONSTRAINT no_overlap EXCLUDE USING gist (parent_id WITH =, during WITH &&))",
            "CREATE INDEX child_expr ON child (lower(doc::text) DESC NULLS LAST, qty) INCLUDE (total) WHERE qty > 1",
            "CREATE INDEX child_gin ON child USING gin (to_tsvector('english', doc::text))",
            "COMMENT ON TABLE child IS 'line items'",
            "COMMENT ON COLUMN child.qty IS 'how many'",
        })
            await db.ExecuteAsync(sql);
        var s = await db.SnapshotAsync();

        Assert.Equal("always", s["table parent: column id", "identity"]);
        Assert.Equal("10", s["sequence parent_id_seq", "start"]);
        Assert.Equal("5", s["sequence parent_id_seq", "increment"]);
        Assert.Equal("parent.id (identity)", s["sequence parent_id_seq", "owned by"]);
        Assert.Equal("C", s["table parent: column code", "collation"]);
        Assert.Equal("yes", s["table parent: constraint parent_code_key", "nulls not distinct"]);
        Assert.Equal("nextval('child_id_seq'::regclass)", s["table child: column id", "default"]);
        Assert.Equal("child_id_seq", s["table child: column id", "owned sequence"]);
        Assert.Equal("child.id", s["sequence child_id_seq", "owned by"]);
        Assert.Equal("(qty * 2) stored", s["table child: column total", "generated"]);
        Assert.Null(s["table child: column total", "default"]);
        Assert.Equal("numeric", s["table child: column total", "type"]);
        Assert.Equal("json", s["table child: column doc", "type"]);
        Assert.Equal("CHECK (qty > 0)", s["table child: constraint child_qty_check", "definition"]);
        Assert.Equal("cascade", s["table child: constraint child_parent_fk", "on update"]);
        Assert.Equal("set null", s["table child: constraint child_parent_fk", "on delete"]);
        Assert.Equal("yes", s["table child: constraint child_parent_fk", "deferrable"]);
        Assert.Equal("deferred", s["table child: constraint child_parent_fk", "initially"]);
        Assert.Equal("EXCLUDE USING gist (parent_id WITH =, during WITH &&)", s["table child: constraint no_overlap", "definition"]);
        Assert.Equal("lower(doc::text) DESC NULLS LAST, qty", s["table child: index child_expr", "columns"]);
        Assert.Equal("total", s["table child: index child_expr", "include"]);
        Assert.Equal("(qty > 1)", s["table child: index child_expr", "where"]);
        Assert.Equal("gin", s["table child: index child_gin", "method"]);
        Assert.Equal("to_tsvector('english'::regconfig, doc::text)", s["table child: index child_gin", "columns"]);
        Assert.Equal("line items", s["table child", "comment"]);
        Assert.Equal("how many", s["table child: column qty", "comment"]);
        Assert.Equal("yes", s["extension btree_gist", CatalogFact.Exists]);
    }

    [Fact]
    public async Task Mariadb_features_are_read()
    {
        await using var db = await FidelityDatabase.CreateAsync("mysql");
        foreach (var sql in new[]
        {
            "CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "KEY ix_name_prefix (name(20) DESC)) ENGINE=InnoDB DEFAULT CHARSET=latin1 COMMENT='parents' ROW_FORMAT=COMPACT",
            "CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT UNSIGNED, qty INT NOT NULL CHECK (qty > 0), total INT AS (qty * 2) VIRTUAL, stored_total INT AS (qty * 3) STORED, "
                + "secret INT INVISIBLE, doc JSON, changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'last change', "
                + "CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) ON UPDATE CASCADE ON DELETE SET NULL, FULLTEXT KEY ft_doc (doc)) ENGINE=InnoDB",
            "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body TEXT) ENGINE=MyISAM",
            "CREATE TABLE logs (id INT NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2",
        })
            await db.ExecuteAsync(sql);
        var s = await db.SnapshotAsync();

        Assert.Equal("int(10) unsigned", s["table parent: column id", "type"]);
        Assert.Equal("utf8mb4_bin", s["table parent: column name", "collation"]);
        Assert.Equal("latin1_swedish_ci", s["table parent", "collation"]);
        Assert.Equal("parents", s["table parent", "comment"]);
        Assert.Equal("row_format=COMPACT", s["table parent", "create options"]);
        Assert.Equal("name(20) DESC", s["table parent: index ix_name_prefix", "columns"]);
        Assert.Equal("`qty` * 2 virtual", s["table child: column total", "generated"]);
        Assert.Equal("`qty` * 3 stored", s["table child: column stored_total", "generated"]);
        Assert.Equal("yes", s["table child: column secret", "invisible"]);
        Assert.Equal("current_timestamp()", s["table child: column changed", "on update"]);
        Assert.Equal("last change", s["table child: column changed", "comment"]);
        Assert.Equal("`qty` > 0", s["table child: constraint qty", "definition"]);
        Assert.Equal("cascade", s["table child: constraint child_parent_fk", "on update"]);
        Assert.Equal("set null", s["table child: constraint child_parent_fk", "on delete"]);
        Assert.Equal("parent (id)", s["table child: constraint child_parent_fk", "references"]);
        Assert.Equal("FULLTEXT", s["table child: index ft_doc", "method"]);
        Assert.Equal("InnoDB", s["table child", "engine"]);
        Assert.Equal("MyISAM", s["table notes", "engine"]);
        Assert.Equal("ROW_FORMAT=COMPACT", s["table parent", "other options"]);
        Assert.Equal("PARTITION BY HASH (`id`) PARTITIONS 2", s["table logs", "other options"]);
    }

    [Fact]
    public async Task Sqlite_features_are_read()
    {
        await using var db = await FidelityDatabase.CreateAsync("sqlite");
        foreach (var sql in new[]
        {
            "CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL COLLATE NOCASE CONSTRAINT uq_code UNIQUE) STRICT",
            "CREATE TABLE child (id INT PRIMARY KEY, parent_id INTEGER CONSTRAINT fk_parent REFERENCES parent (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED, "
                + "qty INTEGER NOT NULL DEFAULT (1 + 1), total INTEGER GENERATED ALWAYS AS (qty * 2) STORED, CONSTRAINT ck_qty CHECK (qty > 0)) WITHOUT ROWID",
            "CREATE INDEX child_expr ON child (lower(parent_id) DESC, qty COLLATE NOCASE) WHERE qty > 1",
        })
            await db.ExecuteAsync(sql);
        var s = await db.SnapshotAsync();

        Assert.Equal("yes", s["table parent", "strict"]);
        Assert.Equal("yes", s["table parent: column id", "autoincrement"]);
        Assert.Equal("NOCASE", s["table parent: column code", "collation"]);
        Assert.Equal("uq_code", s["table parent: unique (code)", "name"]);
        Assert.Equal("yes", s["table child", "without rowid"]);
        Assert.Equal("INT", s["table child: column id", "type"]);
        Assert.Equal("1 + 1", s["table child: column qty", "default"]);
        Assert.Equal("qty * 2 stored", s["table child: column total", "generated"]);
        Assert.Equal("ck_qty", s["table child: check (qty > 0)", "name"]);
        Assert.Equal("fk_parent", s["table child: foreign key (parent_id)", "name"]);
        Assert.Equal("initially deferred", s["table child: foreign key (parent_id)", "deferrable"]);
        Assert.Equal("cascade", s["table child: foreign key (parent_id)", "on update"]);
        Assert.Equal("lower(parent_id) DESC, qty COLLATE NOCASE", s["table child: index child_expr", "columns"]);
        Assert.Equal("qty > 1", s["table child: index child_expr", "where"]);
    }
}
