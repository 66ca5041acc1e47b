namespace Retort.Tests.Cli;

/// <summary>README's tutorial through the real CLI process on a real SQLite file.</summary>
public class TutorialTests
{
    [Fact]
    public async Task The_tutorial_works_end_to_end()
    {
        using var p = await TutorialProject.CreateAsync();
        Assert.Contains("[Revision(\"" + p.PhoneId + "\", DownRevision = \"" + p.UsersId + "\"", File.ReadAllText(p.Phone));

        var up = await p.Ok("upgrade", "head");
        Assert.Contains($"Running upgrade  -> {p.UsersId}, create users table", up.Stderr);
        Assert.Contains($"Running upgrade {p.UsersId} -> {p.PhoneId}, create phone number for user col", up.Stderr);
        Assert.Equal(["id", "name", "phone_number"], p.Columns("users"));
        Assert.Equal([p.PhoneId], p.Versions());

        var down = await p.Ok("downgrade", "-1");
        Assert.Contains($"Running downgrade {p.PhoneId} -> {p.UsersId}, create phone number for user col", down.Stderr);
        Assert.Equal(["id", "name"], p.Columns("users"));
        Assert.Equal(p.UsersId + "\n", (await p.Ok("current")).Stdout);

        await p.Ok("upgrade", p.PhoneId[..4]);
        Assert.Equal(["id", "name", "phone_number"], p.Columns("users"));
        Assert.Equal($"{p.PhoneId} (head)\n", (await p.Ok("current")).Stdout);

        await p.Ok("downgrade", "base");
        Assert.Empty(p.Versions());
        Assert.Equal(["retort_version", "retort_version_history"], p.Tables());
        Assert.Equal("", (await p.Ok("current")).Stdout);

        var history = await p.Ok("history");
        Assert.Equal(
            $"{p.UsersId} -> {p.PhoneId} (head), create phone number for user col\n<base> -> {p.UsersId}, create users table\n",
            history.Stdout);
        Assert.Equal($"{p.PhoneId} (head)\n", (await p.Ok("heads")).Stdout);
    }

    [Fact]
    public async Task A_compile_error_names_file_and_line_and_leaves_the_database_untouched()
    {
        using var p = await TutorialProject.CreateAsync();
        await p.Ok("upgrade", p.UsersId);
        File.WriteAllText(p.Phone, File.ReadAllText(p.Phone).Replace("op.DropColumn(\"users\", \"phone_number\");", "op.DropColumn(\"users\", \"phone_number\")"));

        var r = await p.Retort("upgrade", "head");
        Assert.Equal(1, r.ExitCode);
        var rel = Path.GetRelativePath(p.Path, p.Phone);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(rel)}\(\d+,\d+\): error CS1002: ; expected$", r.Stderr);
        Assert.EndsWith("FAILED: 1 compile error(s) in the migration scripts; nothing was run.\n", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal([p.UsersId], p.Versions());
        Assert.Equal(["id", "name"], p.Columns("users"));

        // Graph-only commands read headers and never compile, so they still work.
        Assert.Equal($"{p.PhoneId} (head)\n", (await p.Ok("heads")).Stdout);
        await p.Ok("history");
    }

    [Fact]
    public async Task Offline_sql_from_base_runs_in_sqlite3_to_the_same_schema()
    {
        using var p = await TutorialProject.CreateAsync();
        var script = (await p.Ok("upgrade", "--sql", "base:head")).Stdout;
        Assert.StartsWith("BEGIN;", script.TrimStart());
        Assert.Contains("CREATE TABLE \"retort_version\"", script);
        Assert.Contains($"-- Running upgrade {p.UsersId} -> {p.PhoneId}, create phone number for user col", script);
        Assert.Contains($"UPDATE \"retort_version\" SET version_num='{p.PhoneId}'", script);
        Assert.EndsWith("COMMIT;", script.TrimEnd());
        Assert.False(File.Exists(p.Db));

        var sqlite = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sqlite3", p.Db) { RedirectStandardInput = true, RedirectStandardError = true })!;
        await sqlite.StandardInput.WriteAsync(script);
        sqlite.StandardInput.Close();
        await sqlite.WaitForExitAsync();
        Assert.Equal("", await sqlite.StandardError.ReadToEndAsync());
        Assert.Equal(["id", "name", "phone_number"], p.Columns("users"));
        Assert.Equal([p.PhoneId], p.Versions());
    }
}
