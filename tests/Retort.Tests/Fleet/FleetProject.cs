using System.Data.Common;
using System.Text.Json.Nodes;
using Retort.Commands;
using Retort.Configuration;
using Retort.Fleet;
using Retort.Runtime;
using Retort.Tests.Cli;

namespace Retort.Tests.Fleet;

/// <summary>
/// A project of three revisions (create a table, add a column, add an index; each undone by its Downgrade) for fleet runs: through the real CLI
/// or the library, with each target's version and history tables read back with the database's own driver.
/// </summary>
public sealed class FleetProject : IDisposable
{
    public static readonly string Head = Id(3);

    private static readonly (string Upgrade, string Downgrade)[] Revisions =
    [
        ("""op.CreateTable("tenant_data", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("name", SqlType.String(50)));""",
            """op.DropTable("tenant_data");"""),
        ("""op.AddColumn("tenant_data", new Column("note", SqlType.String(100)) { Nullable = true });""", """op.DropColumn("tenant_data", "note");"""),
        ("""op.CreateIndex("ix_tenant_data_name", "tenant_data", ["name"]);""", """op.DropIndex("ix_tenant_data_name", "tenant_data");"""),
    ];

    private readonly TempDir _dir = new();

    public FleetProject(string url = "sqlite:///registry.db", string fleetConfig = "")
    {
        Directory.CreateDirectory(this["migrations/versions"]);
        File.WriteAllText(this["retort.toml"], $"[retort]\nscript_location = \"migrations\"\nurl = \"{url}\"\nlock_timeout = 120\n{fleetConfig}\n");
        for (var i = 1; i <= Revisions.Length; i++)
        {
            var parent = i == 1 ? "" : $", DownRevision = \"{Id(i - 1)}\"";
            File.WriteAllText(this[$"migrations/versions/{Id(i)}_rev_{i}.cs"], $$"""
                using Retort;

                [Revision("{{Id(i)}}"{{parent}}, Message = "rev {{i}}")]
                public sealed class Rev{{i}} : Migration
                {
                    public override void Upgrade(Operations op) => {{Revisions[i - 1].Upgrade}}

                    public override void Downgrade(Operations op) => {{Revisions[i - 1].Downgrade}}
                }
                """);
        }
    }

    public static string Id(int i) => $"a{i:D11}";

    public string Path => _dir.Path;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void WriteTargets(string file, IEnumerable<string> lines) => File.WriteAllLines(this[file], lines);

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public Task<CliRunner.Result> Retort(IDictionary<string, string> env, params string[] args) => CliRunner.RunAsync(Path, env, args);

    /// <summary>The library's fleet commands over this project, printing to <paramref name="output"/>.</summary>
    public FleetCommands Library(FleetOptions options, TextWriter? output = null, bool createDatabase = false) =>
        new(new RetortCommands(ConfigLoader.Load(this["retort.toml"]), output ?? TextWriter.Null, NullLog.Instance) { CreateDatabase = createDatabase }, options);

    public void Dispose() => _dir.Dispose();

    public static JsonArray ReportTargets(string path) => (JsonArray)JsonNode.Parse(File.ReadAllText(path))!["targets"]!;

    /// <summary>The version table's rows of the database at <paramref name="url"/> (none when it has no version table).</summary>
    public static async Task<List<string>> VersionsAsync(string url, string baseDirectory) =>
        await TableExistsAsync(url, baseDirectory, "retort_version")
            ? await QueryAsync(url, baseDirectory, "SELECT version_num FROM retort_version ORDER BY version_num")
            : [];

    /// <summary>"revision direction" per history row, oldest first.</summary>
    public static Task<List<string>> HistoryAsync(string url, string baseDirectory) =>
        QueryAsync(url, baseDirectory, "SELECT revision, direction FROM retort_version_history ORDER BY id");

    public static async Task<bool> TableExistsAsync(string url, string baseDirectory, string table) =>
        (await QueryAsync(url, baseDirectory, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}' AND table_schema = {CurrentSchema(url)}",
            $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{table}'")).Single() != "0";

    private static string CurrentSchema(string url) => url.StartsWith("mysql", StringComparison.Ordinal) ? "DATABASE()" : "current_schema()";

    /// <summary>Rows joined by spaces; <paramref name="sqliteSql"/> instead of <paramref name="sql"/> on SQLite files.</summary>
    public static async Task<List<string>> QueryAsync(string url, string baseDirectory, string sql, string? sqliteSql = null)
    {
        var parsed = DatabaseUrl.Parse(url, null, baseDirectory);
        await using var connection = parsed.Provider.CreateConnection(parsed.Provider.WithoutPooling(parsed.ConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = url.StartsWith("sqlite", StringComparison.Ordinal) ? sqliteSql ?? sql : sql;
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
