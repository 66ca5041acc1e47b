using System.Diagnostics;
using System.Text;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;
using Retort.Tests.RealWork;

namespace Retort.Tests.Bundles;

/// <summary>
/// One migration bundle, built once by the real `retort bundle` from a project whose env.cs and revisions use shared
/// code (migrations/shared/), then run as a user deploys it: in a folder without the project, with PATH and
/// DOTNET_ROOT pointing nowhere (no dotnet, no SDK), on a real SQLite file and the real PostgreSQL server.
/// </summary>
public sealed class BundleFixture : IAsyncLifetime
{
    public EnvProject Project { get; private set; } = null!;

    public TempDir Deploy { get; } = new();

    public string Bundle => Deploy["migrate"];

    public CliRunner.Result Built { get; private set; } = null!;

    public CliRunner.Result Rebuilt { get; private set; } = null!;

    private static string Revision(string id, string? parent, string upgrade, string downgrade) => $$"""
        using Retort;
        using Shop.Shared;

        [Revision("{{id}}"{{(parent is null ? "" : $", DownRevision = \"{parent}\"")}}, Message = "rev {{id}}")]
        public sealed class Rev_{{id}} : Migration
        {
            public override void Upgrade(Operations op) { {{upgrade}} }
            public override void Downgrade(Operations op) { {{downgrade}} }
        }
        """;

    public async Task InitializeAsync()
    {
        // The project's own url is a file that never exists where the bundle runs: every run names its database.
        Project = await EnvProject.CreateAsync("sqlite:///project.db");
        Project.Write("migrations/shared/Tables.cs", """
            namespace Shop.Shared;

            public static class Tables
            {
                public const string Orders = "orders";

                public static Column Id() => new("id", SqlType.Integer()) { PrimaryKey = true };

                public static Column Status() => new("status", SqlType.String(20));
            }
            """);
        Project.Write("migrations/versions/b00000000001_orders.cs", Revision("b00000000001", null,
            "op.CreateTable(Tables.Orders, Tables.Id());", "op.DropTable(Tables.Orders);"));
        Project.Write("migrations/versions/b00000000002_status.cs", Revision("b00000000002", "b00000000001",
            "op.AddColumn(Tables.Orders, Tables.Status());", "op.DropColumn(Tables.Orders, \"status\");"));
        Project.Env("""
            if (context.XArgs.TryGetValue("url", out var url)) context.Url = url;
            context.TargetModel = new MetaData().Table(Shop.Shared.Tables.Orders, Shop.Shared.Tables.Id(), Shop.Shared.Tables.Status());
            """);
        Built = await Project.Retort("bundle", "-o", Bundle);
        // A second bundle reuses the published host: only the revisions are written again.
        Rebuilt = await Project.Retort("bundle", "-o", Deploy["migrate-again"]);
    }

    /// <summary>The bundle as a deploy runs it: from <see cref="Deploy"/>, nothing of .NET on PATH or in DOTNET_ROOT.</summary>
    public async Task<CliRunner.Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Bundle)
        {
            WorkingDirectory = Deploy.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PATH"] = "/nonexistent";
        start.Environment["DOTNET_ROOT"] = "/nonexistent";
        start.Environment.Remove("DOTNET_HOST_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRunner.Result(process.ExitCode, await stdout, await stderr);
    }

    public Task DisposeAsync()
    {
        Project.Dispose();
        Deploy.Dispose();
        return Task.CompletedTask;
    }
}

public class BundleTests(BundleFixture bundle) : IClassFixture<BundleFixture>
{
    [Fact]
    public void The_bundle_is_written_and_a_second_one_reuses_the_published_host()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        Assert.Contains("Wrote " + bundle.Bundle, bundle.Built.Stdout);
        Assert.True(bundle.Rebuilt.ExitCode == 0, bundle.Rebuilt.ToString());
        Assert.Contains("Reusing the bundle host", bundle.Rebuilt.Stderr);
        Assert.DoesNotContain("Publishing", bundle.Rebuilt.Stderr);
    }

    [Fact]
    public void Roslyn_is_not_in_the_bundle_but_the_drivers_are()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        // The single-file manifest names every file it holds.
        var bytes = File.ReadAllBytes(bundle.Bundle);
        Assert.True(Contains(bytes, "Npgsql.dll") && Contains(bytes, "Retort.dll") && Contains(bytes, "System.CommandLine.dll"));
        Assert.False(Contains(bytes, "Microsoft.CodeAnalysis.dll"));
        Assert.False(Contains(bytes, "Microsoft.CodeAnalysis.CSharp.dll"));
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    [Fact]
    public async Task On_sqlite_it_upgrades_reports_checks_verifies_and_downgrades_as_the_tool_does()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        using var dir = new TempDir();
        var url = $"sqlite:///{dir["deploy.db"]}";

        var up = await bundle.RunAsync("--url", url, "upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("Running upgrade  -> b00000000001, rev b00000000001", up.Stderr);
        Assert.Contains("Running upgrade b00000000001 -> b00000000002, rev b00000000002", up.Stderr);

        // The same output as the tool's on the same database.
        foreach (var command in new[] { "current", "history", "heads" })
        {
            var mine = await bundle.RunAsync("--url", url, command);
            var tool = await bundle.Project.Retort("-x", "url=" + url, command);
            Assert.True(mine.ExitCode == 0 && tool.ExitCode == 0, mine + "\n" + tool);
            Assert.Equal(tool.Stdout, mine.Stdout);
        }
        Assert.Equal("b00000000002 (head)\n", (await bundle.RunAsync("--url", url, "current")).Stdout);

        var check = await bundle.RunAsync("--url", url, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        // The tool wrote each revision's checksum when the bundle applied it; verify agrees with the project's files.
        var verify = await bundle.Project.Retort("-x", "url=" + url, "verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var bundledVerify = await bundle.RunAsync("--url", url, "verify");
        Assert.True(bundledVerify.ExitCode == 0, bundledVerify.ToString());

        // -x url=… reaches env.cs as with the tool.
        var down = await bundle.RunAsync("-x", "url=" + url, "downgrade", "base");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("Running downgrade b00000000001 -> , rev b00000000001", down.Stderr);
        var atBase = await bundle.RunAsync("--url", url, "current");
        Assert.Equal((0, ""), (atBase.ExitCode, atBase.Stdout));

        // Drift: the model has a status column the database at b00000000001 lacks.
        Assert.Equal(0, (await bundle.RunAsync("--url", url, "upgrade", "b00000000001")).ExitCode);
        var drift = await bundle.RunAsync("--url", url, "check");
        Assert.True(drift.ExitCode == 1, drift.ToString());
    }

    [Fact]
    public async Task On_postgresql_it_upgrades_checks_and_downgrades()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        await using var db = await TestDatabase.CreateAsync("postgresql");
        var up = await bundle.RunAsync("--url", db.Url, "upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["orders"], (await CatalogReader.TablesAsync(db)).Where(t => !t.StartsWith("retort_", StringComparison.Ordinal)));
        Assert.Equal("b00000000002 (head)\n", (await bundle.RunAsync("--url", db.Url, "current")).Stdout);
        var check = await bundle.RunAsync("--url", db.Url, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        var down = await bundle.RunAsync("--url", db.Url, "downgrade", "base");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.DoesNotContain("orders", await CatalogReader.TablesAsync(db));
    }

    [Fact]
    public async Task A_wrong_url_is_one_FAILED_line_and_exit_1()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        var r = await bundle.RunAsync("--url", "postgresql://nobody:secret@127.0.0.1:1/none", "current");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("FAILED: ", line);
        Assert.DoesNotContain("secret", line);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task It_runs_only_the_deploy_commands()
    {
        Assert.True(bundle.Built.ExitCode == 0, bundle.Built.ToString());
        var help = await bundle.RunAsync("--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        var list = help.Stdout[(help.Stdout.IndexOf("Commands:\n", StringComparison.Ordinal) + "Commands:\n".Length)..].TrimEnd('\n').Split('\n')
            .Select(l => l.Trim().Split(' ')[0]);
        Assert.Equal(["upgrade", "downgrade", "current", "history", "heads", "verify", "check"], list);
        Assert.Contains("--url", help.Stdout);
        var revision = await bundle.RunAsync("revision", "-m", "x");
        Assert.NotEqual(0, revision.ExitCode);
    }
}
