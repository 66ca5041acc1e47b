using System.Diagnostics;
using System.Text.RegularExpressions;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Docs;

/// <summary>
/// README's Troubleshooting section shows messages a newcomer meets; each ```text block there must be what the real
/// CLI prints for that situation (the test server's address, user and database name written as README writes them).
/// </summary>
public partial class TroubleshootingTests
{
    private const string UsersId = "1975ea83b712";
    private const string PhoneId = "ae1027a6acf2";

    /// <summary>Each heading of README's Troubleshooting section that shows output, and how to make that output.</summary>
    private static readonly Dictionary<string, Func<TempDir, Task<string>>> Scenarios = new()
    {
        ["The database does not exist"] = async dir =>
        {
            await CreateProjectAsync(dir, MissingDatabaseUrl());
            return (await CliRunner.RunAsync(dir.Path, "upgrade", "head")).All;
        },
        ["Wrong user or password"] = async dir =>
        {
            await CreateProjectAsync(dir, MissingDatabaseUrl().Replace(":" + Admin.Password + "@", ":not-the-password@"));
            return (await CliRunner.RunAsync(dir.Path, "upgrade", "head")).All;
        },
        ["A compile error in a revision"] = async dir =>
        {
            await CreateProjectAsync(dir, "sqlite:///app.db");
            var phone = Path.Combine(dir.Path, "migrations", "versions", $"{PhoneId}_create_phone_number_for_user_col.cs");
            // The missing ';' at the end of the AddColumn line README's sed wrote.
            File.WriteAllLines(phone, File.ReadAllLines(phone).Select(l => l.Contains("op.AddColumn(") ? l.TrimEnd(';') : l));
            return (await CliRunner.RunAsync(dir.Path, "upgrade", "head")).All;
        },
        ["A revision was edited after it was applied"] = async dir =>
        {
            await CreateProjectAsync(dir, "sqlite:///app.db");
            await Ok(dir, "upgrade", "head");
            var phone = Path.Combine(dir.Path, "migrations", "versions", $"{PhoneId}_create_phone_number_for_user_col.cs");
            File.AppendAllText(phone, "// an afterthought\n");
            var upgrade = await Ok(dir, "upgrade", "head");
            var verify = await CliRunner.RunAsync(dir.Path, "verify");
            Assert.Equal(1, verify.ExitCode);
            return upgrade.All + verify.All;
        },
    };

    private static (string HostPort, string User, string Password, string Prefix) Admin
    {
        get
        {
            var url = TestDatabase.ServerUrl("RETORT_TEST_PG");
            var m = Regex.Match(url, "^postgresql://([^:]+):([^@]+)@([^/]+)/");
            return (m.Groups[3].Value, m.Groups[1].Value, m.Groups[2].Value, m.Value);
        }
    }

    private static string MissingDatabaseUrl() => Admin.Prefix + "retort_missing_" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<CliRunner.Result> Ok(TempDir dir, params string[] args)
    {
        var r = await CliRunner.RunAsync(dir.Path, args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    /// <summary>The tutorial's project with README's fixed ids, its revisions edited by README's own sed lines.</summary>
    private static async Task CreateProjectAsync(TempDir dir, string url)
    {
        await Ok(dir, "init", "migrations");
        var toml = dir["retort.toml"];
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("url = \"sqlite:///app.db\"", $"url = \"{url}\""));
        await Ok(dir, "revision", "-m", "create users table", "--rev-id", UsersId);
        await Ok(dir, "revision", "-m", "create phone number for user col", "--rev-id", PhoneId);
        var sed = MarkdownBlocks.Read("README.md").Single(b => b.Language == "sh" && b.Text.Contains("sed -i 's|// op.CreateTable", StringComparison.Ordinal));
        var bash = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", sed.Text]) { WorkingDirectory = dir.Path, RedirectStandardOutput = true };
        using var process = Process.Start(bash)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>README's spelling: localhost:5432, user app, database shop, and any time stamp as &lt;time&gt;.</summary>
    private static string Normalize(string text)
    {
        var admin = Admin;
        text = text.Replace("@" + admin.HostPort + "/", "@localhost:5432/")
            .Replace("//" + admin.User + ":***@", "//app:***@")
            .Replace($"for user \"{admin.User}\"", "for user \"app\"");
        text = MissingName().Replace(text, "shop");
        return TimeStamp().Replace(text, "<time>");
    }

    public static TheoryData<string> Headings()
    {
        var data = new TheoryData<string>();
        foreach (var heading in Scenarios.Keys) data.Add(heading);
        return data;
    }

    [Fact]
    public void Every_message_in_the_section_has_a_scenario()
    {
        var section = MarkdownBlocks.Section("README.md", "Troubleshooting");
        var shown = MarkdownBlocks.Read("README.md").Where(b => b.Language == "text" && section.Contains("### " + b.Heading + "\n")).Select(b => b.Heading);
        Assert.Equal(Scenarios.Keys.Order(), shown.Order());
    }

    [Theory]
    [MemberData(nameof(Headings))]
    public async Task The_message_is_what_the_cli_prints(string heading)
    {
        var block = MarkdownBlocks.Read("README.md").Single(b => b.Language == "text" && b.Heading == heading);
        using var dir = new TempDir();
        var actual = Normalize(await Scenarios[heading](dir)).Split('\n');
        foreach (var line in TimeStamp().Replace(block.Text, "<time>").TrimEnd('\n').Split('\n'))
            Assert.True(actual.Contains(line), $"README ({block}) shows\n{line}\nbut the CLI printed\n{string.Join('\n', actual)}");
        Assert.DoesNotContain(Admin.Password, string.Join('\n', actual));
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")]
    private static partial Regex TimeStamp();

    [GeneratedRegex("retort_missing_[0-9a-f]{10}")]
    private static partial Regex MissingName();
}
