using Retort.Tests.Cli;

namespace Retort.Tests.RealWork;

/// <summary>
/// A project made by the real `retort init`, then pointed at a test database, with env.cs and further files written
/// as a user would edit them; every command runs through the real CLI process.
/// </summary>
public sealed class EnvProject : IDisposable
{
    private readonly TempDir _dir = new();

    private EnvProject() { }

    public static async Task<EnvProject> CreateAsync(string url, string extraConfig = "")
    {
        var p = new EnvProject();
        var init = await p.Retort("init", "migrations");
        Assert.True(init.ExitCode == 0, init.ToString());
        var toml = File.ReadAllText(p["retort.toml"]).Replace("url = \"sqlite:///app.db\"", $"url = \"{url}\"");
        File.WriteAllText(p["retort.toml"], toml.Replace("[retort]", "[retort]\n" + extraConfig));
        return p;
    }

    public string Path => _dir.Path;

    public string this[string relative] => _dir[relative];

    /// <summary>Writes a file below the project folder, creating its folder.</summary>
    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(this[relative])!);
        File.WriteAllText(this[relative], text);
    }

    /// <summary>env.cs whose Configure body is <paramref name="configure"/> (with the usings Retort's model needs).</summary>
    public void Env(string configure, string members = "") => Write("migrations/env.cs", $$"""
        using Retort;
        using Retort.Schema;

        public sealed class Env : MigrationEnvironment
        {
            public override void Configure(EnvironmentContext context)
            {
                {{configure}}
            }
            {{members}}
        }
        """);

    /// <summary>The revision files written so far.</summary>
    public string[] Revisions() => Directory.GetFiles(this["migrations/versions"], "*.cs").Order(StringComparer.Ordinal).ToArray();

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public Task<CliRunner.Result> Retort(IDictionary<string, string> env, params string[] args) => CliRunner.RunAsync(Path, env, args);

    public void Dispose() => _dir.Dispose();
}
