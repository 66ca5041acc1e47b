using Microsoft.Data.Sqlite;

namespace Retort.Tests.Cli;

/// <summary>A project made with the real CLI: retort init, the tutorial's two revisions, and helpers to read app.db.</summary>
public sealed class TutorialProject : IDisposable
{
    private readonly TempDir _dir = new();

    public string Path => _dir.Path;

    public string Users { get; private set; } = "";

    public string Phone { get; private set; } = "";

    public string UsersId => System.IO.Path.GetFileName(Users)[..12];

    public string PhoneId => System.IO.Path.GetFileName(Phone)[..12];

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public static async Task<TutorialProject> CreateAsync()
    {
        var p = new TutorialProject();
        await p.Ok("init", "migrations");
        await p.Ok("revision", "-m", "create users table");
        await p.Ok("revision", "-m", "create phone number for user col");
        var versions = System.IO.Path.Combine(p.Path, "migrations", "versions");
        p.Users = Directory.GetFiles(versions, "*_create_users_table.cs").Single();
        p.Phone = Directory.GetFiles(versions, "*_create_phone_number_for_user_col.cs").Single();
        p.SetBody(p.Users,
            """op.CreateTable("users", new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true }, new Column("name", SqlType.String(50)) { Nullable = false });""",
            """op.DropTable("users");""");
        p.SetBody(p.Phone,
            """op.AddColumn("users", new Column("phone_number", SqlType.String()) { Nullable = true });""",
            """op.DropColumn("users", "phone_number");""");
        return p;
    }

    /// <summary>Replaces the template's placeholder lines with real Upgrade and Downgrade code.</summary>
    public void SetBody(string file, string upgrade, string downgrade)
    {
        var lines = File.ReadAllLines(file).Select(l =>
            l.TrimStart().StartsWith("// op.CreateTable", StringComparison.Ordinal) ? "        " + upgrade
            : l.TrimStart().StartsWith("// op.DropTable", StringComparison.Ordinal) ? "        " + downgrade
            : l);
        File.WriteAllLines(file, lines);
    }

    public async Task<CliRunner.Result> Ok(params string[] args)
    {
        var r = await Retort(args);
        Assert.True(r.ExitCode == 0, $"retort {string.Join(' ', args)} failed:\n{r}");
        return r;
    }

    public string Db => System.IO.Path.Combine(Path, "app.db");

    public List<string> Query(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(Convert.ToString(r.GetValue(0))!);
        return rows;
    }

    public List<string> Columns(string table) => Query($"SELECT name FROM pragma_table_info('{table}')");

    public List<string> Tables() => File.Exists(Db) ? Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") : [];

    public List<string> Versions() => Query("SELECT version_num FROM retort_version ORDER BY version_num");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
