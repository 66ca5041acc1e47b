using Retort.Schema;

namespace Retort.Tests.Autogenerate.ModelChanges;

/// <summary>
/// The model changes of issue 25, written as a developer writes a MetaData model: columns, indexes, constraints,
/// primary keys, table comments and PostgreSQL enums; each A → B pair with the exact check lines, and controls.
/// </summary>
public static class ModelChangeCases
{
    private const string Pg = "postgresql", Sqlite = "sqlite", My = "mysql", PgSqlite = "sqlite postgresql", PgMy = "postgresql mysql";

    private static Column Id => new("id", SqlType.Integer()) { PrimaryKey = true };

    private static Column Int(string name, bool nullable = true) => new(name, SqlType.Integer()) { Nullable = nullable };

    private static Column Str(string name, int length = 20) => new(name, SqlType.String(length));

    private static ModelChange Change(string name, ITableElement[] a, ITableElement[] b, string[] expected, string databases = ModelChange.All) =>
        new(name, m => m.Table(name, a), m => m.Table(name, b), expected, databases);

    private static ModelChange Same(string name, ITableElement[] model, string databases = ModelChange.All) =>
        ModelChange.Same(name, m => m.Table(name, model), databases);

    public static IReadOnlyList<ModelChange> All { get; } =
    [
        // Columns.
        Change("c_add", [Id], [Id, Int("v")], ["add column c_add.v"]),
        Change("c_drop", [Id, Int("v")], [Id], ["remove column c_drop.v"]),
        Change("c_type", [Id, Int("v")], [Id, new Column("v", SqlType.BigInt())], ["modify type c_type.v"]),
        Change("c_length", [Id, Str("v", 20)], [Id, Str("v", 40)], ["modify type c_length.v"]),
        Change("c_precision", [Id, new Column("v", SqlType.Decimal(10, 2))], [Id, new Column("v", SqlType.Decimal(12, 3))], ["modify type c_precision.v"]),
        Change("c_notnull", [Id, Int("v")], [Id, Int("v", nullable: false)], ["modify nullable c_notnull.v"]),
        Change("c_null", [Id, Int("v", nullable: false)], [Id, Int("v")], ["modify nullable c_null.v"]),
        Change("c_default_add", [Id, Int("v")], [Id, Int("v") with { ServerDefault = "0" }], ["modify default c_default_add.v"]),
        Change("c_default_change", [Id, Str("v") with { ServerDefault = "'a'" }], [Id, Str("v") with { ServerDefault = "'b'" }], ["modify default c_default_change.v"]),
        Change("c_default_neg", [Id, Int("v") with { ServerDefault = "-1" }], [Id, Int("v") with { ServerDefault = "-2" }], ["modify default c_default_neg.v"]),
        Change("c_default_drop", [Id, Int("v") with { ServerDefault = "1" }], [Id, Int("v")], ["modify default c_default_drop.v"]),
        Change("c_comment", [Id, Int("v")], [Id, Int("v") with { Comment = "the v" }], ["modify comment c_comment.v"], PgMy),
        Change("c_comment_change", [Id, Int("v") with { Comment = "old" }], [Id, Int("v") with { Comment = "new" }], ["modify comment c_comment_change.v"], PgMy),
        Change("c_identity", [Id], [Id with { Autoincrement = true }], ["modify key generation c_identity.id"]),
        Change("c_computed", [Id, Int("a"), Int("c") with { Computed = new ComputedColumn("a * 2") { Stored = true } }],
            [Id, Int("a"), Int("c") with { Computed = new ComputedColumn("a * 3") { Stored = true } }], ["modify generated expression c_computed.c"]),
        Change("c_computed_virtual", [Id, Int("a"), Int("c") with { Computed = new ComputedColumn("a + 1") }],
            [Id, Int("a"), Int("c") with { Computed = new ComputedColumn("a + 2") }], ["modify generated expression c_computed_virtual.c"], "sqlite mysql"),
        Change("c_collation", [Id, Str("v") with { Collation = "C" }], [Id, Str("v") with { Collation = "POSIX" }], ["modify collation c_collation.v"], Pg),
        Change("c_collation", [Id, Str("v") with { Collation = "NOCASE" }], [Id, Str("v") with { Collation = "RTRIM" }], ["modify collation c_collation.v"], Sqlite),
        Change("c_collation", [Id, Str("v") with { Collation = "latin1_bin" }], [Id, Str("v") with { Collation = "latin1_general_ci" }], ["modify collation c_collation.v"], My),

        // Indexes.
        Change("i_add", [Id, Int("a")], [Id, Int("a"), new TableIndex("ix_i_add", "a")], ["add index ix_i_add on i_add"]),
        Change("i_drop", [Id, Int("a"), new TableIndex("ix_i_drop", "a")], [Id, Int("a")], ["remove index ix_i_drop on i_drop"]),
        Change("i_unique", [Id, Int("a"), new TableIndex("ix_i_unique", "a")], [Id, Int("a"), new TableIndex("ix_i_unique", "a") { Unique = true }],
            ["remove index ix_i_unique on i_unique (changed)", "add index ix_i_unique on i_unique"]),
        Change("i_columns", [Id, Int("a"), Int("b"), new TableIndex("ix_i_columns", "a")], [Id, Int("a"), Int("b"), new TableIndex("ix_i_columns", "a", "b")],
            ["remove index ix_i_columns on i_columns (changed)", "add index ix_i_columns on i_columns"]),
        Change("i_order", [Id, Int("a"), new TableIndex("ix_i_order", "a")],
            [Id, Int("a"), new TableIndex("ix_i_order", "a") { Elements = [new IndexElement("a") { Descending = true }] }],
            ["remove index ix_i_order on i_order (changed)", "add index ix_i_order on i_order"]),
        Change("i_where_add", [Id, Int("a"), new TableIndex("ix_i_where_add", "a")], [Id, Int("a"), new TableIndex("ix_i_where_add", "a") { Where = "a > 0" }],
            ["remove index ix_i_where_add on i_where_add (changed)", "add index ix_i_where_add on i_where_add"], PgSqlite),
        Change("i_where_change", [Id, Int("a"), new TableIndex("ix_i_where_change", "a") { Where = "a > 0" }], [Id, Int("a"), new TableIndex("ix_i_where_change", "a") { Where = "a > 5" }],
            ["remove index ix_i_where_change on i_where_change (changed)", "add index ix_i_where_change on i_where_change"], PgSqlite),
        Change("i_where_drop", [Id, Int("a"), new TableIndex("ix_i_where_drop", "a") { Where = "a > 0" }], [Id, Int("a"), new TableIndex("ix_i_where_drop", "a")],
            ["remove index ix_i_where_drop on i_where_drop (changed)", "add index ix_i_where_drop on i_where_drop"], PgSqlite),
        Change("i_expr", [Id, Str("v"), new TableIndex("ix_i_expr") { Elements = [new IndexElement("lower(v)") { IsExpression = true }] }],
            [Id, Str("v"), new TableIndex("ix_i_expr") { Elements = [new IndexElement("upper(v)") { IsExpression = true }] }],
            ["remove index ix_i_expr on i_expr (changed)", "add index ix_i_expr on i_expr"], PgSqlite),
        Change("i_method", [Id, Int("a"), new TableIndex("ix_i_method", "a")], [Id, Int("a"), new TableIndex("ix_i_method", "a") { Method = "hash" }],
            ["remove index ix_i_method on i_method (changed)", "add index ix_i_method on i_method"], Pg),
        Change("i_include", [Id, Int("a"), Int("b"), new TableIndex("ix_i_include", "a")], [Id, Int("a"), Int("b"), new TableIndex("ix_i_include", "a") { Include = ["b"] }],
            ["remove index ix_i_include on i_include (changed)", "add index ix_i_include on i_include"], Pg),

        // Unique, foreign-key and check constraints, named and unnamed.
        Change("u_named", [Id, Int("a")], [Id, Int("a"), new UniqueConstraint("a") { Name = "uq_named_a" }], ["add unique uq_named_a on u_named"], PgSqlite),
        Change("u_named", [Id, Int("a")], [Id, Int("a"), new UniqueConstraint("a") { Name = "uq_named_a" }], ["add index uq_named_a on u_named"], My),
        Change("u_unnamed", [Id, Int("a")], [Id, Int("a"), new UniqueConstraint("a")], ["add unique uq_u_unnamed_a on u_unnamed"], PgSqlite),
        Change("u_unnamed", [Id, Int("a")], [Id, Int("a"), new UniqueConstraint("a")], ["add index uq_u_unnamed_a on u_unnamed"], My),
        Change("u_columns", [Id, Int("a"), Int("b"), new UniqueConstraint("a") { Name = "uq_cols" }], [Id, Int("a"), Int("b"), new UniqueConstraint("a", "b") { Name = "uq_cols" }],
            ["remove unique uq_cols on u_columns (changed)", "add unique uq_cols on u_columns"], PgSqlite),
        Change("u_columns", [Id, Int("a"), Int("b"), new UniqueConstraint("a") { Name = "uq_cols" }], [Id, Int("a"), Int("b"), new UniqueConstraint("a", "b") { Name = "uq_cols" }],
            ["remove index uq_cols on u_columns (changed)", "add index uq_cols on u_columns"], My),
        new("f_action",
            m => m.Table("f_parent", Id).Table("f_action", Id, Int("p"), new ForeignKey("p", "f_parent", "id") { Name = "fk_action" }),
            m => m.Table("f_parent", Id).Table("f_action", Id, Int("p"), new ForeignKey("p", "f_parent", "id") { Name = "fk_action", OnDelete = ReferentialAction.Cascade }),
            ["remove foreign key fk_action on f_action (changed)", "add foreign key fk_action on f_action"]),
        new("f_unnamed",
            m => m.Table("f_target", Id).Table("f_unnamed", Id, Int("p")),
            m => m.Table("f_target", Id).Table("f_unnamed", Id, Int("p"), new ForeignKey("p", "f_target", "id")),
            ["add foreign key fk_f_unnamed_p_f_target on f_unnamed"]),
        Change("k_named", [Id, Int("a"), new CheckConstraint("a > 0") { Name = "ck_named" }], [Id, Int("a"), new CheckConstraint("a > 5") { Name = "ck_named" }],
            ["remove check ck_named on k_named (changed)", "add check ck_named on k_named"]),
        Change("k_unnamed_add", [Id, Int("a")], [Id, Int("a"), new CheckConstraint("a > 0")], ["add check ck_k_unnamed_add_1 on k_unnamed_add"]),
        Change("k_unnamed_change", [Id, Int("a"), new CheckConstraint("a > 0")], [Id, Int("a"), new CheckConstraint("a >= 0")],
            ["remove check ck_k_unnamed_change_1 on k_unnamed_change", "add check ck_k_unnamed_change_1 on k_unnamed_change"]),
        Change("k_unnamed_drop", [Id, Int("a"), new CheckConstraint("a > 0")], [Id, Int("a")], ["remove check ck_k_unnamed_drop_1 on k_unnamed_drop"]),

        // Primary keys.
        Change("p_columns", [Id, Int("a", nullable: false)], [Id, new Column("a", SqlType.Integer()) { PrimaryKey = true }], ["remove primary key … on p_columns (changed)", "add primary key pk_p_columns on p_columns"]),
        Change("p_order", [Id, Int("a", nullable: false), new PrimaryKey("id", "a")], [Id, Int("a", nullable: false), new PrimaryKey("a", "id")], ["remove primary key … on p_order (changed)", "add primary key pk_p_order on p_order"]),

        // Table comments.
        Change("t_comment", [Id], [Id, new TableOptions { Comment = "the table" }], ["modify table comment t_comment"], PgMy),

        // PostgreSQL enums.
        new("e_new", m => m.Table("e_new", Id), m => m.EnumType("e_color", "red", "green").Table("e_new", Id, new Column("c", SqlType.Named("e_color"))),
            ["add type e_color", "add column e_new.c"], Pg),
        new("e_value", m => m.EnumType("e_mood", "sad", "ok").Table("e_value", Id, new Column("m", SqlType.Named("e_mood"))),
            m => m.EnumType("e_mood", "sad", "ok", "happy").Table("e_value", Id, new Column("m", SqlType.Named("e_mood"))),
            ["add value 'happy' to enum e_mood"], Pg),
        new("e_value_first", m => m.EnumType("e_size", "m", "l").Table("e_value_first", Id, new Column("s", SqlType.Named("e_size"))),
            m => m.EnumType("e_size", "s", "m", "l").Table("e_value_first", Id, new Column("s", SqlType.Named("e_size"))),
            ["add value 's' to enum e_size"], Pg),

        // Controls: what each database respells must not read as a change.
        Same("n_defaults", [Id, Int("d_neg") with { ServerDefault = "-1" }, new Column("d_ts", SqlType.DateTime()) { ServerDefault = "CURRENT_TIMESTAMP" },
            Str("d_str") with { ServerDefault = "'x'" }, new Column("d_dec", SqlType.Decimal(10, 2)) { ServerDefault = "1.5" }, Int("d_expr") with { ServerDefault = "(1 + 2)" }]),
        Same("n_bool", [Id, new Column("b", SqlType.Boolean()) { ServerDefault = "true" }], Pg),
        Same("n_autoinc", [Id with { Autoincrement = true }, Int("a")]),
        Same("n_computed", [Id, Int("a"), Int("c") with { Computed = new ComputedColumn("a * 2") { Stored = true } }]),
        Same("n_computed_virtual", [Id, Int("a"), Int("b"), Int("c") with { Computed = new ComputedColumn("a + b * 2") }], "sqlite mysql"),
        Same("n_checks", [Id, Int("a"), Int("b"), new CheckConstraint("a > 0"), new CheckConstraint("a > 0 AND b < 10") { Name = "ck_n_checks_and" },
            new CheckConstraint("b IN (1, 2, 3)") { Name = "ck_n_checks_in" }]),
        Same("n_indexes", [Id, Int("a"), Str("v"), new TableIndex("ix_n_desc", "a") { Elements = [new IndexElement("a") { Descending = true }] },
            new TableIndex("ix_n_unique", "v") { Unique = true }]),
        Same("n_partial", [Id, Int("a"), Str("v"), new TableIndex("ix_n_partial", "a") { Where = "a > 0 AND v IS NOT NULL" },
            new TableIndex("ix_n_expr") { Elements = [new IndexElement("lower(v)") { IsExpression = true }] }], PgSqlite),
        Same("n_collation", [Id, Str("v") with { Collation = "C" }], Pg),
        Same("n_composite_pk", [Int("a", nullable: false), Int("b", nullable: false), new PrimaryKey("b", "a")]),
        ModelChange.Same("n_enum", m => m.EnumType("n_mood", "sad", "happy").Table("n_enum", Id, new Column("m", SqlType.Named("n_mood")) { ServerDefault = "'sad'" }), Pg),
        Same("n_comment", [Id, Int("v") with { Comment = "it's v" }, new TableOptions { Comment = "a table" }], PgMy),
    ];
}
