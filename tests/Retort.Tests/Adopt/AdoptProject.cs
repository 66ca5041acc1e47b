using Retort.Tests.Cli;

namespace Retort.Tests.Adopt;

/// <summary>A project made by the real CLI (<c>retort init migrations</c>) pointed at a database URL.</summary>
public sealed class AdoptProject : IDisposable
{
    private readonly TempDir _dir = new();

    private AdoptProject() { }

    public string Path => _dir.Path;

    public string Versions => System.IO.Path.Combine(Path, "migrations", "versions");

    public static async Task<AdoptProject> CreateAsync(string url)
    {
        var p = new AdoptProject();
        await p.OkAsync("init", "migrations");
        var toml = System.IO.Path.Combine(p.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ", StringComparison.Ordinal) ? $"url = \"{url}\"" : l));
        return p;
    }

    /// <summary>Replaces the env file's commented target-model line with <paramref name="statement"/>.</summary>
    public void SetTargetModel(string statement)
    {
        var env = System.IO.Path.Combine(Path, "migrations", "env.cs");
        var text = File.ReadAllText(env);
        const string placeholder = "// context.TargetModel = typeof(MyApp.Models.User).Assembly;";
        Assert.Contains(placeholder, text);
        File.WriteAllText(env, text.Replace(placeholder, statement));
    }

    public Task<CliRunner.Result> RunAsync(params string[] args) => CliRunner.RunAsync(Path, args);

    public async Task<CliRunner.Result> OkAsync(params string[] args)
    {
        var r = await RunAsync(args);
        Assert.True(r.ExitCode == 0, $"retort {string.Join(' ', args)}:\n{r}");
        return r;
    }

    public void Dispose() => _dir.Dispose();
}
