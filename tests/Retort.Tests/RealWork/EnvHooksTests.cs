using Retort.Tests.Infrastructure;

namespace Retort.Tests.RealWork;

/// <summary>
/// env.cs hooks through the real CLI on real databases: IncludeObject (Alembic's include_object: the object, from
/// which side, and what it is compared with), ProcessRevisionDirectives (the revision before it is written: dropped
/// when empty, operations, message and id rewritten), and template arguments with revision_environment.
/// </summary>
public class EnvHooksTests
{
    public static TheoryData<string> Databases() => new(["sqlite", "postgresql"]);

    private const string UsersModel = """
        context.TargetModel = new MetaData()
            .Table("users", new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false }, new Column("name", SqlType.String(50)))
            .Table("audit_log", new Column("id", SqlType.Integer()) { PrimaryKey = true, Nullable = false });
        """;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task IncludeObject_sees_both_sides_and_filters_what_autogenerate_writes(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        await db.ExecuteAsync(
            "CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, old_col INTEGER)",
            "CREATE TABLE legacy_stuff (id INTEGER NOT NULL PRIMARY KEY)");
        using var p = await EnvProject.CreateAsync(db.Url);
        // The usual recipes: never drop what only the database has; leave a column alone when the database's
        // definition (compareTo) is stricter than the model's.
        p.Env(UsersModel + """
            context.IncludeObject = (obj, name, kind, reflected, compareTo) =>
            {
                System.IO.File.AppendAllText("include.log", $"{kind} {name} {obj.GetType().Name} reflected={reflected} compareTo={(compareTo is Column c ? "Column nullable=" + c.Nullable : compareTo?.GetType().Name ?? "null")}\n");
                if (reflected && kind is "table" or "column") return false;
                return !(kind == "column" && obj is Column model && compareTo is Column live && model.Nullable && !live.Nullable);
            };
            """);
        var revision = await p.Retort("revision", "--autogenerate", "-m", "audit");
        Assert.True(revision.ExitCode == 0, revision.ToString());

        var log = File.ReadAllLines(p["include.log"]);
        Assert.Contains("table audit_log TableSchema reflected=False compareTo=null", log);
        Assert.Contains("table users TableSchema reflected=False compareTo=TableSchema", log);
        Assert.Contains("table legacy_stuff TableSchema reflected=True compareTo=null", log);
        Assert.Contains("column old_col Column reflected=True compareTo=null", log);
        Assert.Contains("column name Column reflected=False compareTo=Column nullable=False", log);

        var file = File.ReadAllText(p.Revisions().Single());
        Assert.Contains("op.CreateTable(\"audit_log\"", file);
        Assert.DoesNotContain("legacy_stuff", file);
        Assert.DoesNotContain("old_col", file);
        Assert.DoesNotContain("AlterColumn", file);

        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["audit_log", "legacy_stuff", "retort_version", "retort_version_history", "users"], await CatalogReader.TablesAsync(db));
        Assert.Contains("column old_col integer null", await CatalogReader.DescribeAsync(db, "users"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ProcessRevisionDirectives_drops_an_empty_revision_and_rewrites_a_generated_one(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url);
        const string hook = """
            context.ProcessRevisionDirectives = (revision, directives) =>
            {
                var script = directives[0];
                // Do not write an empty autogenerate revision.
                if (script.Autogenerate && script.UpgradeOps.Count == 0)
                {
                    directives.Clear();
                    return;
                }
                // New NOT NULL columns are added nullable first (filled by a later revision), in both directions' operations.
                for (var i = 0; i < script.UpgradeOps.Count; i++)
                    if (script.UpgradeOps[i] is Retort.Ops.AddColumnOperation { Column.Nullable: false } add)
                        script.UpgradeOps[i] = add with { Column = add.Column with { Nullable = true, ServerDefault = null } };
                script.UpgradeOps.RemoveAll(o => o is Retort.Ops.AlterColumnOperation);
                script.DowngradeOps.RemoveAll(o => o is Retort.Ops.AlterColumnOperation);
                script.Message = "[SHOP-12] " + script.Message + " after " + string.Join(",", revision);
                script.RevisionId = "5eed" + script.RevisionId[4..];
            };
            """;
        p.Env("context.TargetModel = new MetaData().Table(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true, Nullable = false });\n" + hook);
        Assert.Equal(0, (await p.Retort("revision", "--autogenerate", "--rev-id", "aaaaaaaaaaaa", "-m", "users")).ExitCode);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        var first = Assert.Single(p.Revisions());
        Assert.EndsWith("5eedaaaaaaaa_shop_12_users_after.cs", first);
        Assert.Contains("Message = \"[SHOP-12] users after \"", File.ReadAllText(first));

        // Nothing changed: no file, exit 0, and the reason said.
        var empty = await p.Retort("revision", "--autogenerate", "-m", "nothing");
        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Contains("No revision written: env.cs's ProcessRevisionDirectives removed it.", empty.All);
        Assert.Single(p.Revisions());

        // A NOT NULL column: written nullable by the hook, and so in the database after upgrade.
        p.Env("context.TargetModel = new MetaData().Table(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true, Nullable = false }, new Column(\"email\", SqlType.String(80)) { Nullable = false });\n" + hook);
        var changed = await p.Retort("revision", "--autogenerate", "--rev-id", "bbbbbbbbbbbb", "-m", "email");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        var second = p.Revisions().Single(f => f.Contains("5eedbbbbbbbb_shop_12_email_after_5eedaaaaaaaa", StringComparison.Ordinal));
        var text = File.ReadAllText(second);
        Assert.Contains("DownRevision = \"5eedaaaaaaaa\"", text);
        Assert.DoesNotContain("Nullable = false", text);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains(await CatalogReader.DescribeAsync(db, "users"), l => l.StartsWith("column email", StringComparison.Ordinal) && l.Contains(" null", StringComparison.Ordinal) && !l.Contains("not null", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Template_arguments_reach_the_template_with_revision_environment(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = await EnvProject.CreateAsync(db.Url, "revision_environment = true");
        var template = p["migrations/script.cs.liquid"];
        File.WriteAllText(template, File.ReadAllText(template).Replace("// Create Date: {{ create_date }}", "// Create Date: {{ create_date }}\n// Ticket: {{ ticket }}"));
        p.Env(UsersModel + """
            context.TemplateArgs["ticket"] = context.XArgs.TryGetValue("ticket", out var t) ? t : "none";
            context.ProcessRevisionDirectives = (revision, directives) => directives[0].Message += " (" + (directives[0].Autogenerate ? "autogenerate" : "plain") + ")";
            """);

        // A plain revision runs env.cs too: its template argument and its hook apply.
        var plain = await p.Retort("-x", "ticket=SHOP-7", "revision", "--rev-id", "aaaaaaaaaaaa", "-m", "plain");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        var plainText = File.ReadAllText(p.Revisions().Single());
        Assert.Contains("// Ticket: SHOP-7", plainText);
        Assert.Contains("Message = \"plain (plain)\"", plainText);
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);

        // Autogenerate always does; the file compiles and runs.
        var auto = await p.Retort("-x", "ticket=SHOP-8", "revision", "--autogenerate", "--rev-id", "bbbbbbbbbbbb", "-m", "tables");
        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.Contains("// Ticket: SHOP-8", File.ReadAllText(p.Revisions().Single(f => f.Contains("bbbbbbbbbbbb", StringComparison.Ordinal))));
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("audit_log", await CatalogReader.TablesAsync(db));

        // A template argument may not hide one of the template's own variables.
        p.Env(UsersModel + "context.TemplateArgs[\"message\"] = \"x\";");
        var clash = await p.Retort("revision", "-m", "clash");
        Assert.Equal(1, clash.ExitCode);
        Assert.Equal(["FAILED: context.TemplateArgs[\"message\"] has the name of one of the template's own variables; choose another name."],
            clash.Stderr.Split('\n').Where(l => l.StartsWith("FAILED", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", clash.Stderr);

        // Without revision_environment a plain revision does not run env.cs: the variable is empty.
        File.WriteAllText(p["retort.toml"], File.ReadAllText(p["retort.toml"]).Replace("revision_environment = true", "revision_environment = false"));
        Assert.Equal(0, (await p.Retort("-x", "ticket=SHOP-9", "revision", "--rev-id", "cccccccccccc", "-m", "quiet")).ExitCode);
        var quiet = File.ReadAllText(p.Revisions().Single(f => f.Contains("cccccccccccc", StringComparison.Ordinal)));
        Assert.Contains("// Ticket: \n", quiet);
        Assert.Contains("Message = \"quiet\"", quiet);
    }
}
