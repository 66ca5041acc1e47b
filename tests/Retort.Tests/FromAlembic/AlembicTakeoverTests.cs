using Retort.Tests.Cli;
using Retort.Tests.CliFlags;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.FromAlembic;

/// <summary>
/// docs/from-alembic.md, step by step: a real Alembic project (`alembic init`, two revisions, `alembic upgrade head`)
/// on SQLite and PostgreSQL, then Retort takes over the same database through <c>version_table = "alembic_version"</c>
/// with the two revisions ported (same ids): current says what Alembic says, a new Retort revision on the Alembic
/// head upgrades, a downgrade goes back to the Alembic head, and Alembic reads and moves its version table after.
/// </summary>
public class AlembicTakeoverTests
{
    private const string Users = "1975ea83b712", Phone = "ae1027a6acf2", Email = "c0ffee000003";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Retort_takes_over_an_alembic_database_and_alembic_still_reads_it(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var dir = new TempDir();
        CliRunner.Result Alembic(params string[] args)
        {
            var r = PostWriteHookTests.Python(dir.Path, ["-m", "alembic", .. args]);
            Assert.True(r.ExitCode == 0, $"alembic {string.Join(' ', args)}\n{r}");
            return r;
        }
        async Task<CliRunner.Result> Retort(params string[] args)
        {
            var r = await CliRunner.RunAsync(dir.Path, args);
            Assert.True(r.ExitCode == 0, $"retort {string.Join(' ', args)}\n{r}");
            return r;
        }

        // The Alembic project, made by Alembic itself.
        Alembic("init", "alembic");
        var ini = dir["alembic.ini"];
        File.WriteAllText(ini, string.Join('\n', File.ReadAllLines(ini).Select(l =>
            l.StartsWith("sqlalchemy.url", StringComparison.Ordinal) ? "sqlalchemy.url = " + db.Url.Replace("%", "%%") : l)));
        AlembicRevision(Alembic, Users, "create users table",
            "op.create_table('users', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(50), nullable=False))",
            "op.drop_table('users')");
        AlembicRevision(Alembic, Phone, "create phone number for user col",
            "op.add_column('users', sa.Column('phone_number', sa.String(20), nullable=True))",
            "op.drop_column('users', 'phone_number')");
        Alembic("upgrade", "head");
        var alembicCurrent = Alembic("current").Stdout;
        Assert.Equal($"{Phone} (head)\n", alembicCurrent);

        // Retort beside it: the same database, Alembic's version table, the two revisions ported with their ids.
        await Retort("init", "migrations");
        var toml = dir["retort.toml"];
        File.WriteAllText(toml, File.ReadAllText(toml)
            .Replace("url = \"sqlite:///app.db\"", $"url = \"{db.Url}\"")
            .Replace("version_table = \"retort_version\"", "version_table = \"alembic_version\""));
        Port(dir, Users, null, "create users table",
            "op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true }, new Column(\"name\", SqlType.String(50)) { Nullable = false });",
            "op.DropTable(\"users\");");
        Port(dir, Phone, Users, "create phone number for user col",
            "op.AddColumn(\"users\", new Column(\"phone_number\", SqlType.String(20)) { Nullable = true });",
            "op.DropColumn(\"users\", \"phone_number\");");
        Assert.Equal(alembicCurrent, (await Retort("current")).Stdout);

        // A new Retort revision goes on the Alembic head and upgrades the database.
        await Retort("revision", "-m", "add email", "--rev-id", Email);
        var file = Directory.GetFiles(dir["migrations/versions"], Email + "_*.cs").Single();
        var text = File.ReadAllText(file);
        Assert.Contains($"DownRevision = \"{Phone}\"", text);
        File.WriteAllLines(file, File.ReadAllLines(file).Select(l =>
            l.TrimStart().StartsWith("// op.CreateTable", StringComparison.Ordinal) ? "        op.AddColumn(\"users\", new Column(\"email\", SqlType.String(100)));"
            : l.TrimStart().StartsWith("// op.DropTable", StringComparison.Ordinal) ? "        op.DropColumn(\"users\", \"email\");"
            : l));
        await Retort("upgrade", "head");
        Assert.Equal([Email], await db.QueryAsync("SELECT version_num FROM alembic_version"));
        Assert.Equal(["email", "id", "name", "phone_number"], await Columns(db));
        Assert.Equal($"{Email} (head)\n", (await Retort("current")).Stdout);

        // Back to the Alembic head: the column is gone and the row is Alembic's again.
        await Retort("downgrade", Phone);
        Assert.Equal([Phone], await db.QueryAsync("SELECT version_num FROM alembic_version"));
        Assert.Equal(["id", "name", "phone_number"], await Columns(db));

        // Alembic reads its version table as before and moves it on its own.
        Assert.Equal($"{Phone} (head)\n", Alembic("current").Stdout);
        Alembic("downgrade", "-1");
        Assert.Equal([Users], await db.QueryAsync("SELECT version_num FROM alembic_version"));
        Assert.Equal(["id", "name"], await Columns(db));
        Assert.Equal($"{Users}\n", (await Retort("current")).Stdout);
        Alembic("upgrade", "head");
        Assert.Equal([Phone], await db.QueryAsync("SELECT version_num FROM alembic_version"));
    }

    /// <summary>`alembic revision --rev-id`, then its two `pass` bodies replaced, as a user edits them.</summary>
    private static void AlembicRevision(Func<string[], CliRunner.Result> alembic, string id, string message, string upgrade, string downgrade)
    {
        var generated = alembic(["revision", "-m", message, "--rev-id", id]).Stdout;
        var path = generated[(generated.IndexOf("Generating ", StringComparison.Ordinal) + "Generating ".Length)..generated.IndexOf(" ...", StringComparison.Ordinal)];
        var text = File.ReadAllText(path);
        var first = text.IndexOf("    pass", StringComparison.Ordinal);
        text = text[..first] + "    " + upgrade + text[(first + "    pass".Length)..];
        var second = text.IndexOf("    pass", first, StringComparison.Ordinal);
        text = text[..second] + "    " + downgrade + text[(second + "    pass".Length)..];
        File.WriteAllText(path, text);
    }

    private static void Port(TempDir dir, string id, string? down, string message, string upgrade, string downgrade) =>
        File.WriteAllText(dir[$"migrations/versions/{id}_{message.Replace(' ', '_')}.cs"], $$"""
            using Retort;
            using Retort.Ops;

            [Revision("{{id}}"{{(down is null ? "" : $", DownRevision = \"{down}\"")}}, Message = "{{message}}")]
            public sealed class R{{id}} : Migration
            {
                public override void Upgrade(Operations op) { {{upgrade}} }
                public override void Downgrade(Operations op) { {{downgrade}} }
            }
            """);

    private static async Task<List<string>> Columns(TestDatabase db) =>
        (await db.QueryAsync(db.Dialect.Name == "sqlite"
            ? "SELECT name FROM pragma_table_info('users')"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND table_schema = 'public'"))
        .Order(StringComparer.Ordinal).ToList();
}
