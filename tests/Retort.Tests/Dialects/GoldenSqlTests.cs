using System.Text;
using Retort.Dialects;
using Retort.Ops;

namespace Retort.Tests.Dialects;

/// <summary>
/// The exact SQL of every operation for every dialect, against reviewed files in golden/ (SQL Server has no
/// server here, so this is its main check). RETORT_UPDATE_GOLDEN=1 rewrites the files for review in the diff.
/// </summary>
public class GoldenSqlTests
{
    private static readonly (string Name, MigrationOperation Op)[] Operations =
    [
        ("create_table", new CreateTableOperation("orders",
        [
            new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
            new Column("user_id", SqlType.BigInt()) { Nullable = false, Comment = "who ordered" },
            new Column("status", SqlType.Enum("order_status", "new", "paid")) { ServerDefault = "'new'" },
            new Column("total", SqlType.Decimal(10, 2)),
            new Column("placed_at", SqlType.DateTimeOffset()),
            new Column("ref", SqlType.Uuid()),
            new Column("data", SqlType.Json()),
            new Column("flag", SqlType.Boolean()) { ServerDefault = "1" },
        ])
        {
            ForeignKeys = [new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.Restrict }],
            UniqueConstraints = [new UniqueConstraint("user_id", "ref")],
            CheckConstraints = [new CheckConstraint("total >= 0")],
            Comment = "customer orders",
        }),
        ("composite_pk", new CreateTableOperation("tags", [new Column("a", SqlType.String(10)), new Column("b", SqlType.SmallInt())]) { PrimaryKey = new PrimaryKey("a", "b") { Name = "pk_ab" }, Schema = "app" }),
        ("drop_table", new DropTableOperation("orders")),
        ("rename_table", new RenameTableOperation("orders", "purchases")),
        ("add_column", new AddColumnOperation("users", new Column("phone", SqlType.String(20)) { Nullable = false, ServerDefault = "''" })),
        ("drop_column", new DropColumnOperation("users", "phone")),
        ("alter_type", new AlterColumnOperation("users", "name") { Type = SqlType.Text(), ExistingNullable = false }),
        ("alter_nullable", new AlterColumnOperation("users", "name") { Nullable = true, ExistingType = SqlType.String(50) }),
        ("alter_default", new AlterColumnOperation("users", "name") { ChangeServerDefault = true, ServerDefault = "'x'", ExistingType = SqlType.String(50) }),
        ("drop_default", new AlterColumnOperation("users", "name") { ChangeServerDefault = true, ExistingType = SqlType.String(50) }),
        ("rename_column", new AlterColumnOperation("users", "name") { NewName = "full_name", ExistingType = SqlType.String(50), ExistingNullable = false }),
        ("column_comment", new AlterColumnOperation("users", "name") { ChangeComment = true, Comment = "it's the name", ExistingType = SqlType.String(50) }),
        ("create_index", new CreateIndexOperation("ix_users_name", "users", ["name", "email"])),
        ("create_unique_index", new CreateIndexOperation("ix_users_email", "users", ["email"]) { Unique = true }),
        ("partial_index", new CreateIndexOperation("ix_users_active", "users", ["name"]) { Where = "active" }),
        ("concurrent_index", new CreateIndexOperation("ix_users_c", "users", ["name"]) { Concurrently = true }),
        ("drop_index", new DropIndexOperation("ix_users_name", "users")),
        ("create_table_if_not_exists", new CreateTableOperation("audit", [new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("at", SqlType.DateTime())])
            { IfNotExists = true, Indexes = [new TableIndex("ix_audit_at", "at")] }),
        ("drop_table_if_exists", new DropTableOperation("audit") { IfExists = true }),
        ("create_index_if_not_exists", new CreateIndexOperation("ix_users_name", "users", ["name"]) { IfNotExists = true }),
        ("drop_index_if_exists", new DropIndexOperation("ix_users_name", "users") { IfExists = true }),
        ("create_pk", new CreatePrimaryKeyOperation("pk_users", "users", ["id"])),
        ("create_unique", new CreateUniqueConstraintOperation("uq_users_email", "users", ["email"])),
        ("create_fk", new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.SetNull })),
        ("create_check", new CreateCheckConstraintOperation("ck_users_age", "users", "age > 0")),
        ("create_fk_not_valid", new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { NotValid = true })),
        ("create_check_not_valid", new CreateCheckConstraintOperation("ck_users_age", "users", "age > 0") { NotValid = true }),
        ("validate_constraint", new ValidateConstraintOperation("users", "ck_users_age")),
        ("unvalidate_check", new UnvalidateConstraintOperation(new CreateCheckConstraintOperation("ck_users_age", "users", "age > 0") { NotValid = true })),
        ("unvalidate_fk", new ValidateConstraintOperation("orders", "fk_orders_user") { Existing = new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { NotValid = true }) }.Reverse()),
        ("index_comment", new IndexCommentOperation("ix_users_name", "users", "by name") { Schema = "app" }),
        ("drop_index_comment", new IndexCommentOperation("ix_users_name", "users", "by name") { ExistingComment = null }.Reverse()),
        ("create_unique_concurrently", new CreateUniqueConstraintOperation("uq_users_email", "users", ["email"]) { Concurrently = true }),
        ("drop_pk", new DropConstraintOperation("pk_users", "users", ConstraintKind.PrimaryKey)),
        ("drop_unique", new DropConstraintOperation("uq_users_email", "users", ConstraintKind.Unique)),
        ("drop_fk", new DropConstraintOperation("fk_orders_user", "orders", ConstraintKind.ForeignKey)),
        ("drop_check", new DropConstraintOperation("ck_users_age", "users", ConstraintKind.Check)),
        ("table_comment", new TableCommentOperation("users", "people")),
        ("drop_table_comment", new TableCommentOperation("users", null)),
        ("execute", new ExecuteSqlOperation("UPDATE users SET name = ? WHERE id = ?", ["O'Neil", 7])),
        ("bulk_insert", new BulkInsertOperation("roles", ["id", "name", "active"], [[1, "admin", true], [2, null, false]])),
        ("insert_data", new InsertDataOperation("roles", ["id", "name", "active"], [[1, "admin", true], [2, "O'Neil", false]]) { KeyColumns = ["id"], Schema = "auth" }),
        ("delete_data", new InsertDataOperation("roles", ["id", "tenant", "name"], [[1, 7, "admin"], [2, 7, "user"]]) { KeyColumns = ["id", "tenant"] }.Reverse()),
        ("update_data", new UpdateDataOperation("roles", ["id"], [1], ["name", "active"], ["owner", false]) { ExistingValues = ["admin", true] }),
        ("create_schema", new CreateSchemaOperation("audit")),
        ("drop_schema", new DropSchemaOperation("audit")),
        ("custom_type", new AddColumnOperation("users", new Column("tags", SqlType.Custom(("postgresql", "TEXT[]"), ("*", "TEXT"))))),
        ("create_partitioned_table", new CreateTableOperation("logs", [new Column("id", SqlType.Integer()) { Nullable = false }, new Column("y", SqlType.Integer()) { Nullable = false }])
        {
            PartitionBy = "RANGE (y)", Partitions = [new TablePartition("p0", "VALUES LESS THAN (2000)"), new TablePartition("p1", "VALUES LESS THAN MAXVALUE")],
        }),
        ("create_hash_partitioned_table", new CreateTableOperation("buckets", [new Column("id", SqlType.Integer()) { Nullable = false }])
        {
            PartitionBy = "KEY (id)", Partitions = [new TablePartition("p0"), new TablePartition("p1"), new TablePartition("p2")],
        }),
        ("add_partitions", new AddPartitionsOperation("tags", [new TablePartition("b", "VALUES IN (3)")])),
        ("drop_partitions", new AddPartitionsOperation("tags", [new TablePartition("b", "VALUES IN (3)")]).Reverse()),
        ("reorganize_partitions", new ReorganizePartitionsOperation("logs", [new TablePartition("p1", "VALUES LESS THAN MAXVALUE")],
            [new TablePartition("p1", "VALUES LESS THAN (2010)"), new TablePartition("p2", "VALUES LESS THAN MAXVALUE")])),
        ("partition_table", new PartitionTableOperation("logs", "HASH (id)", [new TablePartition("p0"), new TablePartition("p1")])),
        ("remove_partitioning", new PartitionTableOperation("logs", "HASH (id)", []).Reverse()),
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    [InlineData("mssql")]
    public void Every_operation_renders_as_the_reviewed_sql(string dialectName)
    {
        var dialect = DatabaseProviders.Get(dialectName).Dialect;
        var sb = new StringBuilder();
        foreach (var (name, op) in Operations)
        {
            sb.Append("-- ").Append(name).Append('\n');
            try
            {
                foreach (var s in dialect.Generate(op))
                    sb.Append(dialect.RenderInline(s)).Append(s.OutsideTransaction ? "  -- outside transaction" : "").Append(";\n");
            }
            catch (Exception e) when (e is RetortException or NotSupportedException)
            {
                sb.Append("-- not supported: ").Append(e.Message).Append('\n');
            }
        }
        var path = Path.Combine(SourceDir(), "golden", dialectName + ".sql");
        if (Environment.GetEnvironmentVariable("RETORT_UPDATE_GOLDEN") == "1") File.WriteAllText(path, sb.ToString());
        Assert.Equal(File.ReadAllText(path), sb.ToString());
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
