using System.Data.Common;
using System.Text.Json.Nodes;
using Retort.Commands;
using Retort.Configuration;
using Retort.Fleet;
using Retort.Runtime;
using Retort.Tests.Cli;
using Retort.Tests.Runtime;

namespace Retort.Tests.Fleet;

/// <summary>
/// A project of three revisions (create a table, add a column, add an index) for fleet runs: through the real CLI
/// or the library, with each target's version and history tables read back with the database's own driver.
/// </summary>
public sealed class FleetProject : IDisposable
{
    public static readonly string Head = ScriptedProject.Id(3);

    private readonly ScriptedProject _project;

    public FleetProject(string url = "sqlite:///registry.db", string fleetConfig = "")
    {
        _project = new ScriptedProject(url,
        [
            ("""op.CreateTable("tenant_data", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("name", SqlType.String(50)));""", ""),
            ("""op.AddColumn("tenant_data", new Column("note", SqlType.String(100)) { Nullable = true });""", ""),
            ("""op.CreateIndex("ix_tenant_data_name", "tenant_data", ["name"]);""", ""),
        ], fleetConfig);
    }

    public string Path => _project.Path;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void WriteTargets(string file, IEnumerable<string> lines) => File.WriteAllLines(this[file], lines);

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public Task<CliRunner.Result> Retort(IDictionary<string, string> env, params string[] args) => CliRunner.RunAsync(Path, env, args);

    /// <summary>The library's fleet commands over this project, printing to <paramref name="output"/>.</summary>
    public FleetCommands Library(FleetOptions options, TextWriter? output = null) =>
        new(new RetortCommands(ConfigLoader.Load(this["retort.toml"]), output ?? TextWriter.Null, NullLog.Instance), options);

    public void Dispose() => _project.Dispose();

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
