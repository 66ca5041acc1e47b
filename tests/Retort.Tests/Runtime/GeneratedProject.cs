using Retort.Tests.Cli;

namespace Retort.Tests.Runtime;

/// <summary>A project of N linear revisions written straight to disk; revision i creates table t{i}.</summary>
public sealed class GeneratedProject : IDisposable
{
    private readonly TempDir _dir = new();

    public GeneratedProject(string url, int count, bool transactionPerMigration = false, int? failAt = null)
    {
        Count = count;
        Directory.CreateDirectory(System.IO.Path.Combine(_dir.Path, "migrations", "versions"));
        File.WriteAllText(System.IO.Path.Combine(_dir.Path, "retort.toml"), $"""
            [retort]
            script_location = "migrations"
            url = "{url}"
            transaction_per_migration = {(transactionPerMigration ? "true" : "false")}
            lock_timeout = 120
            """);
        for (var i = 1; i <= count; i++)
        {
            var parent = i == 1 ? "" : $", DownRevision = \"{Id(i - 1)}\"";
            // The failing revision first creates its table, then runs invalid SQL: a half-applied step.
            var upgrade = i == failAt
                ? $"op.Execute(\"CREATE TABLE t{i} (id INTEGER)\"); op.Execute(\"THIS IS NOT SQL\");"
                : $"op.Execute(\"CREATE TABLE t{i} (id INTEGER)\");";
            File.WriteAllText(System.IO.Path.Combine(_dir.Path, "migrations", "versions", $"{Id(i)}_rev_{i}.cs"), $$"""
                // rev {{i}}
                using Retort;

                [Revision("{{Id(i)}}"{{parent}}, Message = "rev {{i}}")]
                public sealed class Rev{{i}} : Migration
                {
                    public override void Upgrade(Operations op) { {{upgrade}} }
                    public override void Downgrade(Operations op) => op.Execute("DROP TABLE t{{i}}");
                }
                """);
        }
    }

    public int Count { get; }

    public string Path => _dir.Path;

    public static string Id(int i) => $"{i:D12}";

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public void Dispose() => _dir.Dispose();
}
