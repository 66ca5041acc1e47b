using Retort.Tests.Cli;

namespace Retort.Tests.Lint;

/// <summary>A migration environment made by the real <c>retort init</c>, judged for PostgreSQL, with revision files written as a user would.</summary>
internal sealed class LintProject : IDisposable
{
    private readonly TempDir _dir = new();

    public string Path => _dir.Path;

    public static async Task<LintProject> CreateAsync(string url = "postgresql://app@localhost/shop")
    {
        var project = new LintProject();
        var init = await CliRunner.RunAsync(project.Path, "init", "migrations");
        Assert.True(init.ExitCode == 0, init.ToString());
        var toml = System.IO.Path.Combine(project.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url =", StringComparison.Ordinal) ? $"url = \"{url}\"" : l));
        return project;
    }

    /// <summary>Adds <c>key = value</c> lines to [retort] of retort.toml, after its url.</summary>
    public void Configure(params string[] lines)
    {
        var toml = System.IO.Path.Combine(Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).SelectMany(l => l.StartsWith("url =", StringComparison.Ordinal) ? [l, .. lines] : new[] { l }));
    }

    /// <summary>Writes migrations/versions/&lt;id&gt;_&lt;slug&gt;.cs with the given class attributes and Upgrade body; returns its relative path.</summary>
    public string Revision(string id, string? down, string attributes, params string[] upgrade)
    {
        var relative = $"migrations/versions/{id}_rev.cs";
        var source = $$"""
            // rev {{id}}
            //
            // Revision ID: {{id}}
            // Revises: {{down ?? ""}}
            // Create Date: 2026-12-07 10:00:00.000000
            using Retort;
            using Retort.Ops;

            {{attributes}}
            [Revision("{{id}}", DownRevision = {{(down is null ? "null" : $"\"{down}\"")}}, Message = "rev")]
            public sealed class Rev{{id}} : Migration
            {
                public override void Upgrade(Operations op)
                {
            {{string.Join("\n", upgrade.Select(l => "        " + l))}}
                }

                public override void Downgrade(Operations op)
                {
                }
            }
            """;
        File.WriteAllText(System.IO.Path.Combine(Path, relative), source);
        return relative;
    }

    public Task<CliRunner.Result> Retort(params string[] args) => CliRunner.RunAsync(Path, args);

    public void Dispose() => _dir.Dispose();
}
