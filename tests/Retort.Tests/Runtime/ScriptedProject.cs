using Retort.Tests.Cli;

namespace Retort.Tests.Runtime;

/// <summary>
/// A project whose revisions are given as C# bodies: revision i (1-based, id <see cref="Id"/>) runs
/// <c>upgrades[i-1]</c> in Upgrade(op) and nothing on Downgrade. Written straight to disk, run with the real CLI.
/// </summary>
public sealed class ScriptedProject : IDisposable
{
    private readonly TempDir _dir = new();

    public ScriptedProject(string url, params string[] upgrades) : this(url, upgrades.Select(u => (u, "")).ToArray()) { }

    /// <param name="revisions">Each revision's Upgrade body and extra attribute arguments (e.g. ", Idempotent = true").</param>
    public ScriptedProject(string url, (string Upgrade, string Attribute)[] revisions, string extraConfig = "")
    {
        Directory.CreateDirectory(System.IO.Path.Combine(_dir.Path, "migrations", "versions"));
        File.WriteAllText(System.IO.Path.Combine(_dir.Path, "retort.toml"), $"""
            [retort]
            script_location = "migrations"
            url = "{url}"
            lock_timeout = 120
            {extraConfig}
            """);
        for (var i = 1; i <= revisions.Length; i++)
        {
            var parent = i == 1 ? "" : $", DownRevision = \"{Id(i - 1)}\"";
            File.WriteAllText(System.IO.Path.Combine(_dir.Path, "migrations", "versions", $"{Id(i)}_rev_{i}.cs"), $$"""
                using Retort;

                [Revision("{{Id(i)}}"{{parent}}, Message = "rev {{i}}"{{revisions[i - 1].Attribute}})]
                public sealed class Rev{{i}} : Migration
                {
                    public override void Upgrade(Operations op)
                    {
                        {{revisions[i - 1].Upgrade}}
                    }

                    public override void Downgrade(Operations op) { }
                }
                """);
        }
    }

    public string Path => _dir.Path;

    public static string Id(int i) => $"a{i:D11}";

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public void Dispose() => _dir.Dispose();
}
