using System.Diagnostics;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;
using Retort.Tests.RealWork;

namespace Retort.Tests.CliFlags;

/// <summary>
/// <c>[[post_write_hooks]]</c> through the real CLI: each command that writes a revision runs the hooks on the new
/// file; a failing hook is one FAILED line naming it and its exit code, and the file stays (as real Alembic keeps it).
/// </summary>
public class PostWriteHookTests
{
    // A "formatter": appends a marker line naming the hook to the file it is given.
    private const string MarkHook = """
        [[post_write_hooks]]
        name = "mark"
        command = "sh"
        args = ["-c", "echo \"// formatted by $0\" >> \"$1\"", "mark", "{path}"]
        """;

    private static EnvProject WithHooks(EnvProject p, string hooks)
    {
        File.AppendAllText(p["retort.toml"], "\n" + hooks + "\n");
        return p;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Every_command_that_writes_a_revision_runs_the_hooks_on_it(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var p = WithHooks(await EnvProject.CreateAsync(db.Url), MarkHook);
        p.Env("context.TargetModel = new MetaData();");

        await db.ExecuteAsync("CREATE TABLE kept (id INTEGER PRIMARY KEY)");
        var baseline = await p.Retort("baseline", "-m", "base line", "--rev-id", "z1");
        Assert.True(baseline.ExitCode == 0, baseline.ToString());
        var first = await p.Retort("revision", "-m", "first", "--rev-id", "a1");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Running post write hook \"mark\"", first.Stdout);
        var second = await p.Retort("revision", "-m", "second", "--rev-id", "b1", "--head", "base");
        Assert.True(second.ExitCode == 0, second.ToString());
        var merge = await p.Retort("merge", "-m", "join", "--rev-id", "m1", "heads");
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        var auto = await p.Retort("revision", "--autogenerate", "-m", "auto", "--rev-id", "g1");
        Assert.True(auto.ExitCode == 0, auto.ToString());

        var files = p.Revisions();
        Assert.Equal(5, files.Length);
        Assert.All(files, f => Assert.EndsWith("// formatted by mark\n", File.ReadAllText(f)));
    }

    [Fact]
    public async Task A_failing_hook_is_one_FAILED_line_and_the_file_stays_as_in_Alembic()
    {
        using var p = WithHooks(await EnvProject.CreateAsync("sqlite:///app.db"), MarkHook + """

            [[post_write_hooks]]
            name = "lint"
            command = "sh"
            args = ["-c", "exit 3", "lint", "{path}"]
            """);
        var r = await p.Retort("revision", "-m", "first", "--rev-id", "a1");
        Assert.Equal(1, r.ExitCode);
        var file = p.Revisions().Single();
        Assert.Equal($"FAILED: Post write hook \"lint\" (sh) exited with code 3; the revision file {file} was written and stays.\n", r.Stderr);
        // The hooks before it ran; the file is a revision the next command reads.
        Assert.EndsWith("// formatted by mark\n", File.ReadAllText(file));
        Assert.Equal(0, (await p.Retort("heads")).ExitCode);

        var missing = WithHooks(await EnvProject.CreateAsync("sqlite:///app.db"), """
            [[post_write_hooks]]
            command = "no-such-formatter-anywhere"
            """);
        using (missing)
        {
            var m = await missing.Retort("revision", "-m", "first");
            Assert.Equal(1, m.ExitCode);
            Assert.StartsWith("FAILED: Post write hook \"no-such-formatter-anywhere\" could not start 'no-such-formatter-anywhere': ", m.Stderr);
            Assert.Single(m.Stderr.TrimEnd('\n').Split('\n'));
            Assert.Single(missing.Revisions());
        }

        // Real Alembic on the same situation: its hook fails (exit 2 from a bad option) and the file stays.
        using var alembic = new TempDir();
        Assert.Equal(0, Python(alembic.Path, "-m", "alembic", "init", "mig").ExitCode);
        var ini = File.ReadAllText(alembic["alembic.ini"]).Replace("[post_write_hooks]",
            "[post_write_hooks]\nhooks = fail\nfail.type = console_scripts\nfail.entrypoint = alembic\nfail.options = --no-such-option REVISION_SCRIPT_FILENAME\n");
        File.WriteAllText(alembic["alembic.ini"], ini);
        var a = Python(alembic.Path, "-m", "alembic", "revision", "-m", "first");
        Assert.Contains("Running post write hook \"fail\"", a.Stdout);
        Assert.Single(Directory.GetFiles(alembic["mig/versions"], "*.py"));
    }

    [Theory]
    [InlineData("[post_write_hook]\ncommand = \"x\"\n",
        "FAILED: Unknown table [post_write_hook] in retort.toml (its key 'command' is no [retort] key, so it is not a section for -n either); known tables: databases, fleet, naming_convention, post_write_hooks, retort.\n")]
    [InlineData("[[post_write_hooks]]\ncommand = \"x\"\nargv = [\"{path}\"]\n",
        "FAILED: Unknown key 'argv' in [[post_write_hooks]] #1 of retort.toml; known keys: args, command, cwd, name.\n")]
    [InlineData("[[post_write_hooks]]\nname = \"x\"\n",
        "FAILED: [[post_write_hooks]] #1 of retort.toml needs command = \"…\" (the program to run on each new revision file).\n")]
    [InlineData("[post_write_hooks]\ncommand = \"x\"\n",
        "FAILED: post_write_hooks in retort.toml must be an array of tables: write each hook as [[post_write_hooks]] with command = \"…\".\n")]
    public async Task Unknown_tables_and_keys_are_refused_naming_them(string toml, string expected)
    {
        using var p = WithHooks(await EnvProject.CreateAsync("sqlite:///app.db"), toml);
        var r = await p.Retort("heads");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(expected, r.Stderr);
    }

    [Fact]
    public async Task Naming_convention_fleet_and_sections_for_n_are_accepted()
    {
        using var p = WithHooks(await EnvProject.CreateAsync("sqlite:///app.db"), """
            [naming_convention]
            pk = "pk_{table_name}"

            [fleet]
            parallel = 2

            [staging]
            url = "sqlite:///staging.db"
            """);
        var r = await p.Retort("heads");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    internal static CliRunner.Result Python(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
