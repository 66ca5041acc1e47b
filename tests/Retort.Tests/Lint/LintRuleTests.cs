using Retort.Dialects;
using Retort.Lint;
using Retort.Ops;

namespace Retort.Tests.Lint;

/// <summary>
/// Every rule, on its typed spelling and on raw SQL, with a finding and none on its safe form. The raw SQL is the
/// documented example of squawk's rule pages (docs/docs/&lt;rule&gt;.md in sbdchd/squawk) or of strong_migrations'
/// README (ankane/strong_migrations); the source is named on each case. The tables the examples use exist from an
/// earlier revision (<see cref="Earlier"/>), as on a live database.
/// </summary>
public class LintRuleTests
{
    /// <summary>The revision before: the tables of the documented examples, with their column types.</summary>
    private static void Earlier(Operations op)
    {
        var id = new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false };
        op.CreateTable("app_user", id, new Column("email", SqlType.Text()));
        op.CreateTable("user", id);
        op.CreateTable("email", id, new Column("user_id", SqlType.BigInt()));
        op.CreateTable("accounts", id, new Column("balance", SqlType.Integer()));
        op.CreateTable("distributors", id, new Column("dist_id", SqlType.Text()));
        op.CreateTable("recipe", id, new Column("view_count", SqlType.BigInt()));
        op.CreateTable("core_recipe", id);
        op.CreateTable("user_email", id, new Column("user_id", SqlType.Integer()), new Column("email", SqlType.String(50)));
        op.CreateTable("user_stars", id);
    }

    private sealed record Case(string Rule, bool Expected, string Provider, string? Version, Action<Operations> Revision, bool LockTimeout = true);

    private static Action<Operations> Sql(string sql) => op => op.Execute(sql);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // squawk require-concurrent-index-creation; strong_migrations "Adding an index non-concurrently".
        ["index typed"] = new("create-index-not-concurrently", true, "postgresql", null, op => op.CreateIndex("email_idx", "app_user", ["email"])),
        ["index typed concurrently"] = new("create-index-not-concurrently", false, "postgresql", null, op => op.CreateIndex("email_idx", "app_user", ["email"], concurrently: true)),
        ["index squawk"] = new("create-index-not-concurrently", true, "postgresql", null, Sql("CREATE INDEX \"email_idx\" ON \"app_user\" (\"email\");")),
        ["index squawk concurrently"] = new("create-index-not-concurrently", false, "postgresql", null, Sql("CREATE INDEX CONCURRENTLY \"email_idx\" ON \"app_user\" (\"email\");")),
        ["index on a table of the same revision"] = new("create-index-not-concurrently", false, "postgresql", null, op =>
        {
            op.Execute("CREATE TABLE t (id int)");
            op.CreateIndex("ix_t", "t", ["id"]);
        }),
        ["index on mariadb"] = new("create-index-not-concurrently", false, "mysql", "10.11", op => op.CreateIndex("email_idx", "app_user", ["email"])),

        // squawk adding-foreign-key-constraint; strong_migrations "Adding a foreign key".
        ["fk typed"] = new("add-foreign-key-validates", true, "postgresql", null, op => op.CreateForeignKey("fk_user", "email", ["user_id"], "user", ["id"])),
        ["fk typed not valid"] = new("add-foreign-key-validates", false, "postgresql", null, op => op.CreateForeignKey("fk_user", "email", ["user_id"], "user", ["id"], validate: false)),
        ["fk squawk"] = new("add-foreign-key-validates", true, "postgresql", null,
            Sql("ALTER TABLE \"email\" ADD CONSTRAINT \"fk_user\"\n    FOREIGN KEY (\"user_id\") REFERENCES \"user\" (\"id\");")),
        ["fk squawk not valid"] = new("add-foreign-key-validates", false, "postgresql", null,
            Sql("ALTER TABLE \"email\" ADD CONSTRAINT \"fk_user\"\n    FOREIGN KEY (\"user_id\") REFERENCES \"user\" (\"id\") NOT VALID;")),
        // squawk pull request 97: NOT VALID and VALIDATE in one transaction is no better than a plain ADD.
        ["fk squawk not valid and validate in one revision"] = new("add-foreign-key-validates", true, "postgresql", null,
            Sql("ALTER TABLE \"email\" ADD CONSTRAINT \"fk_user\" FOREIGN KEY (user_id) REFERENCES \"user\" (id) NOT VALID;\nALTER TABLE \"email\" VALIDATE CONSTRAINT \"fk_user\";")),
        ["fk on a table of the same revision"] = new("add-foreign-key-validates", false, "postgresql", null, op =>
        {
            op.CreateTable("email2", new Column("user_id", SqlType.BigInt()));
            op.CreateForeignKey("fk_user", "email2", ["user_id"], "user", ["id"]);
        }),

        // squawk constraint-missing-not-valid; strong_migrations "Adding a check constraint".
        ["check typed"] = new("add-check-validates", true, "postgresql", null, op => op.CreateCheckConstraint("positive_balance", "accounts", "\"balance\" >= 0")),
        ["check typed not valid"] = new("add-check-validates", false, "postgresql", null, op => op.CreateCheckConstraint("positive_balance", "accounts", "\"balance\" >= 0", validate: false)),
        ["check squawk"] = new("add-check-validates", true, "postgresql", null, Sql("ALTER TABLE \"accounts\" ADD CONSTRAINT \"positive_balance\" CHECK (\"balance\" >= 0);")),
        ["check squawk not valid"] = new("add-check-validates", false, "postgresql", null, Sql("ALTER TABLE \"accounts\" ADD CONSTRAINT \"positive_balance\" CHECK (\"balance\" >= 0) NOT VALID;")),

        // squawk disallowed-unique-constraint; strong_migrations "Adding a unique constraint".
        ["unique typed"] = new("add-unique-constraint-locks", true, "postgresql", null, op => op.CreateUniqueConstraint("dist_id_uniq", "distributors", ["dist_id"])),
        ["unique typed concurrently"] = new("add-unique-constraint-locks", false, "postgresql", null, op => op.CreateUniqueConstraint("dist_id_uniq", "distributors", ["dist_id"], concurrently: true)),
        ["unique squawk"] = new("add-unique-constraint-locks", true, "postgresql", null, Sql("ALTER TABLE distributors ADD CONSTRAINT dist_id_uniq UNIQUE (dist_id);")),
        ["unique squawk using index"] = new("add-unique-constraint-locks", false, "postgresql", null,
            Sql("CREATE UNIQUE INDEX CONCURRENTLY dist_id_uniq ON distributors (dist_id);\nALTER TABLE distributors ADD CONSTRAINT distributors_dist_id_key UNIQUE USING INDEX dist_id_uniq;")),
        ["unique squawk add column"] = new("add-unique-constraint-locks", true, "postgresql", null,
            Sql("ALTER TABLE distributors\n    ADD COLUMN dist_id2 text CONSTRAINT dist_id_uniq UNIQUE;")),

        // squawk adding-not-nullable-field; strong_migrations "Setting NOT NULL on an existing column".
        ["not null typed"] = new("set-not-null-scans", true, "postgresql", "16", op => op.AlterColumn("recipe", "view_count", nullable: false)),
        ["not null squawk"] = new("set-not-null-scans", true, "postgresql", "16", Sql("ALTER TABLE \"recipe\" ALTER COLUMN \"view_count\" SET NOT NULL;")),
        ["not null squawk after a valid check on 12+"] = new("set-not-null-scans", false, "postgresql", "12", Sql("ALTER TABLE \"recipe\" ALTER COLUMN \"view_count\" SET NOT NULL;")),
        ["not null typed after a valid check on 12+"] = new("set-not-null-scans", false, "postgresql", "12", op => op.AlterColumn("recipe", "view_count", nullable: false)),
        ["not null squawk after a valid check on 11"] = new("set-not-null-scans", true, "postgresql", "11", Sql("ALTER TABLE \"recipe\" ALTER COLUMN \"view_count\" SET NOT NULL;")),

        // squawk changing-column-type; strong_migrations "Changing the type of a column" (its safe-changes table).
        ["type typed"] = new("change-column-type", true, "postgresql", null, op => op.AlterColumn("user_email", "user_id", type: SqlType.BigInt(), existingType: SqlType.Integer())),
        ["type typed varchar longer"] = new("change-column-type", false, "postgresql", null, op => op.AlterColumn("user_email", "email", type: SqlType.String(100), existingType: SqlType.String(50))),
        ["type typed varchar to text"] = new("change-column-type", false, "postgresql", null, op => op.AlterColumn("user_email", "email", type: SqlType.Text())),
        ["type squawk int to bigint"] = new("change-column-type", true, "postgresql", null, Sql("ALTER TABLE user_email ALTER COLUMN user_id TYPE BIGINT;")),
        ["type varchar to text raw"] = new("change-column-type", false, "postgresql", null, Sql("ALTER TABLE user_email ALTER COLUMN email TYPE text;")),
        ["type varchar shorter raw"] = new("change-column-type", true, "postgresql", null, Sql("ALTER TABLE user_email ALTER COLUMN email SET DATA TYPE varchar(20);")),

        // squawk adding-field-with-default; strong_migrations "Adding a column with a volatile default value".
        ["default squawk before 11"] = new("add-column-volatile-default", true, "postgresql", "10", Sql("ALTER TABLE \"core_recipe\" ADD COLUMN \"foo\" integer DEFAULT 10 NOT NULL;")),
        ["default squawk on 11"] = new("add-column-volatile-default", false, "postgresql", "11", Sql("ALTER TABLE \"core_recipe\" ADD COLUMN \"foo\" integer DEFAULT 10 NOT NULL;")),
        ["default typed before 11"] = new("add-column-volatile-default", true, "postgresql", null, op => op.AddColumn("core_recipe", new Column("foo", SqlType.Integer()) { ServerDefault = "10", Nullable = false })),
        ["default strong_migrations volatile"] = new("add-column-volatile-default", true, "postgresql", "16",
            op => op.AddColumn("core_recipe", new Column("some_column", SqlType.Uuid()) { ServerDefault = "gen_random_uuid()" })),
        ["default strong_migrations then change default"] = new("add-column-volatile-default", false, "postgresql", "16", op =>
        {
            op.AddColumn("core_recipe", new Column("some_column", SqlType.Uuid()));
            op.AlterColumnDefault("core_recipe", "some_column", "gen_random_uuid()");
        }),
        ["default now() is stable"] = new("add-column-volatile-default", false, "postgresql", "16", Sql("ALTER TABLE core_recipe ADD COLUMN created_at timestamptz DEFAULT now()")),

        // squawk adding-required-field.
        ["required squawk"] = new("add-not-null-column-without-default", true, "postgresql", "16", Sql("ALTER TABLE \"recipe\" ADD COLUMN \"public\" boolean NOT NULL;")),
        ["required squawk with default"] = new("add-not-null-column-without-default", false, "postgresql", "16", Sql("ALTER TABLE \"recipe\" ADD COLUMN \"public\" boolean NOT NULL DEFAULT false;")),
        ["required typed"] = new("add-not-null-column-without-default", true, "sqlite", null, op => op.AddColumn("recipe", new Column("public", SqlType.Boolean()) { Nullable = false })),
        ["required typed nullable"] = new("add-not-null-column-without-default", false, "sqlite", null, op => op.AddColumn("recipe", new Column("public", SqlType.Boolean()))),

        // squawk renaming-column; strong_migrations "Renaming a column".
        ["rename column typed"] = new("rename-column", true, "postgresql", null, op => op.AlterColumn("user_email", "email", newName: "mail")),
        ["rename column raw"] = new("rename-column", true, "mysql", "8.0", Sql("ALTER TABLE `user_email` RENAME COLUMN `email` TO `mail`")),
        ["rename column of a new table"] = new("rename-column", false, "postgresql", null, op =>
        {
            op.CreateTable("t", new Column("a", SqlType.Integer()));
            op.AlterColumn("t", "a", newName: "b");
        }),

        // squawk renaming-table; strong_migrations "Renaming a table".
        ["rename table typed"] = new("rename-table", true, "postgresql", null, op => op.RenameTable("user_stars", "user_favorites")),
        ["rename table squawk"] = new("rename-table", true, "postgresql", null, Sql("ALTER TABLE user_stars RENAME TO user_favorites;")),
        ["rename table mysql"] = new("rename-table", true, "mysql", "10.11", Sql("RENAME TABLE user_stars TO user_favorites")),
        ["rename table of a new table"] = new("rename-table", false, "postgresql", null, Sql("CREATE TABLE t2 (id int); ALTER TABLE t2 RENAME TO t3;")),

        // squawk ban-drop-column; strong_migrations "Removing a column".
        ["drop column typed"] = new("drop-column", true, "postgresql", null, op => op.DropColumn("user_email", "email")),
        ["drop column raw"] = new("drop-column", true, "postgresql", null, Sql("ALTER TABLE user_email DROP COLUMN IF EXISTS email CASCADE")),
        ["drop constraint is no drop column"] = new("drop-column", false, "postgresql", null, Sql("ALTER TABLE user_email DROP CONSTRAINT some_check")),

        // squawk ban-drop-table.
        ["drop table typed"] = new("drop-table", true, "postgresql", null, op => op.DropTable("user_stars")),
        ["drop table raw"] = new("drop-table", true, "postgresql", null, Sql("DROP TABLE IF EXISTS user_stars")),
        ["drop table of a new table"] = new("drop-table", false, "postgresql", null, Sql("CREATE TABLE t4 (id int); DROP TABLE t4")),

        // squawk require-lock-timeout; strong_migrations "Lock timeout" (Best practices).
        ["lock timeout squawk missing"] = new("missing-ddl-lock-timeout", true, "postgresql", "16", Sql("alter table user_stars add column c boolean;"), LockTimeout: false),
        ["lock timeout squawk set"] = new("missing-ddl-lock-timeout", false, "postgresql", "16", Sql("set lock_timeout = '1s';\nalter table user_stars add column c boolean;"), LockTimeout: false),
        ["lock timeout typed missing"] = new("missing-ddl-lock-timeout", true, "mysql", "10.11", op => op.AddColumn("user_stars", new Column("c", SqlType.Boolean())), LockTimeout: false),
        ["lock timeout configured"] = new("missing-ddl-lock-timeout", false, "mysql", "10.11", op => op.AddColumn("user_stars", new Column("c", SqlType.Boolean())), LockTimeout: true),
        ["lock timeout mariadb set statement"] = new("missing-ddl-lock-timeout", false, "mysql", "10.11",
            Sql("SET STATEMENT lock_wait_timeout = 2 FOR ALTER TABLE user_stars ADD COLUMN c BOOLEAN"), LockTimeout: false),
        ["lock timeout not on sqlite"] = new("missing-ddl-lock-timeout", false, "sqlite", null, op => op.AddColumn("user_stars", new Column("c", SqlType.Boolean())), LockTimeout: false),

        // strong_migrations "Using the COPY algorithm" and its MySQL/MariaDB safe type changes; MariaDB's and MySQL's
        // online DDL pages for the versions with INSTANT ADD/DROP COLUMN.
        ["copy typed type change"] = new("mysql-alter-not-instant", true, "mysql", "10.11", op => op.AlterColumn("user_email", "user_id", type: SqlType.BigInt(), existingType: SqlType.Integer())),
        ["copy modify varchar longer in place"] = new("mysql-alter-not-instant", false, "mysql", "10.11", Sql("ALTER TABLE `user_email` MODIFY `email` VARCHAR(60)")),
        ["copy modify varchar past 63 chars"] = new("mysql-alter-not-instant", true, "mysql", "10.11", Sql("ALTER TABLE `user_email` MODIFY `email` VARCHAR(100)")),
        ["copy refused by algorithm instant"] = new("mysql-alter-not-instant", false, "mysql", "10.11", Sql("ALTER TABLE `user_email` MODIFY `email` VARCHAR(100), ALGORITHM=INSTANT")),
        ["copy add column mysql 5.7"] = new("mysql-alter-not-instant", true, "mysql", "5.7", op => op.AddColumn("user_stars", new Column("c", SqlType.Boolean()))),
        ["copy add column mysql 8.0.12"] = new("mysql-alter-not-instant", false, "mysql", "8.0.12", op => op.AddColumn("user_stars", new Column("c", SqlType.Boolean()))),
        ["copy add column mariadb 10.3.2"] = new("mysql-alter-not-instant", false, "mysql", "10.3.2", Sql("ALTER TABLE user_stars ADD COLUMN c BOOLEAN")),
        ["copy drop column mariadb 10.3"] = new("mysql-alter-not-instant", true, "mysql", "10.3", Sql("ALTER TABLE user_email DROP COLUMN email")),
        ["copy add foreign key"] = new("mysql-alter-not-instant", true, "mysql", "8.0.30", op => op.CreateForeignKey("fk_user", "email", ["user_id"], "user", ["id"])),
        ["copy rule not on postgresql"] = new("mysql-alter-not-instant", false, "postgresql", null, op => op.AlterColumn("user_email", "user_id", type: SqlType.BigInt(), existingType: SqlType.Integer())),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Rule_reports_the_unsafe_form_and_not_the_safe_one(string name)
    {
        var c = Cases[name];
        var found = Lint(c.Provider, c.Version, c.Revision, c.LockTimeout, name.Contains("after a valid check"));
        Assert.True(c.Expected == found.Any(f => f.Rule.Id == c.Rule),
            $"{name}: expected {(c.Expected ? "" : "no ")}{c.Rule} on {c.Provider} {c.Version ?? "(oldest)"}; found: {string.Join("; ", found.Select(f => f.Rule.Id + " " + f.Message))}");
        Assert.NotNull(LintRules.Find(c.Rule));
    }

    [Fact]
    public void Every_rule_has_a_case_with_a_finding_and_one_without()
    {
        foreach (var rule in LintRules.All)
        {
            Assert.Contains(Cases.Values, c => c.Rule == rule.Id && c.Expected);
            Assert.Contains(Cases.Values, c => c.Rule == rule.Id && !c.Expected);
        }
    }

    /// <summary>The findings of <paramref name="revision"/> after <see cref="Earlier"/> (and, when asked, a revision that adds and validates CHECK (view_count IS NOT NULL)).</summary>
    private static IReadOnlyList<RevisionLintPass.Pending> Lint(string provider, string? version, Action<Operations> revision, bool lockTimeout, bool validNotNullCheck)
    {
        var target = new LintTarget(DatabaseProviders.Get(provider), LintTarget.ParseVersion(version));
        var dialect = DatabaseProviders.Get(provider).Dialect;
        var history = new SchemaHistory();
        var earlier = new Operations();
        Earlier(earlier);
        Assert.Empty(new RevisionLintPass(target, dialect, history, true).Run(earlier.Recorded));
        if (validNotNullCheck)
        {
            var add = new Operations();
            add.CreateCheckConstraint("view_count_not_null", "recipe", "\"view_count\" IS NOT NULL", validate: false);
            new RevisionLintPass(target, dialect, history, true).Run(add.Recorded);
            var validate = new Operations();
            validate.ValidateConstraint("recipe", "view_count_not_null");
            Assert.Empty(new RevisionLintPass(target, dialect, history, true).Run(validate.Recorded));
        }
        var op = new Operations();
        revision(op);
        return new RevisionLintPass(target, dialect, history, lockTimeout).Run(op.Recorded);
    }
}
