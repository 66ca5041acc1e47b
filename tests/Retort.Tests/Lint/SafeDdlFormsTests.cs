using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Lint;
using Retort.Ops;

namespace Retort.Tests.Lint;

/// <summary>
/// safe_ddl: what autogenerate would write for existing tables becomes the lock-friendly form, rendered as the
/// revision's C#, and lint then finds nothing on it; a table created in the same revision stays plain.
/// </summary>
public class SafeDdlFormsTests
{
    private static readonly SchemaDiff[] Diffs =
    [
        new("new table", new CreateTableOperation("audit", [new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("user_id", SqlType.Integer())])),
        new("index on new table", new CreateIndexOperation("ix_audit_user", "audit", ["user_id"])),
        new("index", new CreateIndexOperation("ix_users_email", "users", ["email"])),
        new("unique", new CreateUniqueConstraintOperation("uq_users_name", "users", ["name"])),
        new("fk", new CreateForeignKeyOperation("fk_orders_user", "orders", new ForeignKey("user_id", "users", "id") { Name = "fk_orders_user" })),
        new("check", new CreateCheckConstraintOperation("ck_orders_total", "orders", "total >= 0")),
    ];

    [Fact]
    public void Existing_tables_get_the_safe_forms_and_lint_finds_nothing()
    {
        var provider = DatabaseProviders.Get("postgresql");
        var safe = SafeDdlForms.Apply(Diffs, provider);
        var code = CSharpRenderer.Render(safe.Select(d => d.Upgrade), safe.Select(d => d.Note));
        Assert.Contains("op.CreateIndex(\"ix_audit_user\", \"audit\", [\"user_id\"]);", code);
        Assert.Contains("op.CreateIndex(\"ix_users_email\", \"users\", [\"email\"], concurrently: true);", code);
        Assert.Contains("op.CreateUniqueConstraint(\"uq_users_name\", \"users\", [\"name\"], concurrently: true);", code);
        Assert.Contains("op.CreateForeignKey(\"fk_orders_user\", \"orders\", [\"user_id\"], \"users\", [\"id\"], validate: false);", code);
        Assert.Contains("op.CreateCheckConstraint(\"ck_orders_total\", \"orders\", \"total >= 0\", validate: false);", code);
        Assert.Contains("// Added NOT VALID (safe_ddl): in a later revision, run on its own, op.ValidateConstraint(\"orders\", \"fk_orders_user\");", code);

        var target = new LintTarget(provider, LintTarget.ParseVersion("16"));
        var before = new RevisionLintPass(target, provider.Dialect, new SchemaHistory(), true).Run(Diffs.Select(d => d.Upgrade).ToList());
        Assert.Equal(["create-index-not-concurrently", "add-unique-constraint-locks", "add-foreign-key-validates", "add-check-validates"], before.Select(f => f.Rule.Id));
        Assert.Empty(new RevisionLintPass(target, provider.Dialect, new SchemaHistory(), true).Run(safe.Select(d => d.Upgrade).ToList()));
    }

    [Fact]
    public void Databases_without_a_lock_queue_keep_the_plain_forms()
    {
        Assert.Equal(Diffs.Select(d => d.Upgrade), SafeDdlForms.Apply(Diffs, DatabaseProviders.Get("mysql")).Select(d => d.Upgrade));
    }
}
