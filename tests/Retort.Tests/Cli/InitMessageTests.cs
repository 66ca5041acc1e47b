namespace Retort.Tests.Cli;

/// <summary>`retort init` on its default SQLite URL: no "please edit before proceeding", since the file works as is.</summary>
public class InitMessageTests
{
    [Theory]
    [InlineData("generic")]
    [InlineData("multidb")]
    public async Task Init_on_sqlite_says_the_config_is_ready(string template)
    {
        using var dir = new TempDir();
        var r = await CliRunner.RunAsync(dir.Path, "init", "--template", template, "migrations");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.EndsWith($"  {dir["retort.toml"]} is ready: url = \"sqlite:///app.db\" (an SQLite file beside it); set url there for PostgreSQL, MariaDB/MySQL or SQL Server.\n", r.Stdout);
        Assert.DoesNotContain("Please edit", r.Stdout);
        // Ready means ready: the next tutorial command works without touching the file.
        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, "revision", "-m", "first")).ExitCode);
    }
}
