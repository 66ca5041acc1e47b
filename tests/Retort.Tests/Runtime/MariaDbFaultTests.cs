using System.Diagnostics;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Runtime;

/// <summary>MariaDB's own faults: a server-wide migration lock, and offline scripts without a connection character set.</summary>
public class MariaDbFaultTests
{
    [Fact]
    public async Task Upgrades_of_two_databases_on_one_server_do_not_wait_for_each_other()
    {
        await using var a = await TestDatabase.CreateAsync("mysql");
        await using var b = await TestDatabase.CreateAsync("mysql");
        using var slow = new ScriptedProject(a.Url, "op.Execute(\"DO SLEEP(20)\");");
        using var quick = new ScriptedProject(b.Url, "op.Execute(\"CREATE TABLE quick (id INTEGER)\");");
        Assert.Equal(0, (await quick.Retort("upgrade", "--sql", "base:head")).ExitCode); // compile before timing
        using var holder = CliProcess.Start(slow.Path, "upgrade", "head");
        await holder.WaitForLineAsync("Running upgrade").WaitAsync(TimeSpan.FromSeconds(120));

        var watch = Stopwatch.StartNew();
        var r = await quick.Retort("upgrade", "head");
        watch.Stop();
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("Waiting for the migration lock", r.Stderr);
        // Generous for a loaded machine: waiting for A would take the rest of its 20 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"database B waited {watch.Elapsed.TotalSeconds:0.0} s for database A's upgrade");
        Assert.False(holder.HasExited, "A's upgrade should still be running");

        // The same database still waits: a second upgrade of A queues behind the first.
        var second = await slow.Retort("upgrade", "head");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Waiting for the migration lock", second.Stderr);
        Assert.Equal(0, (await holder.WaitAsync()).ExitCode);
        Assert.Single(await a.QueryAsync("SELECT revision FROM retort_version_history"));
    }

    [Fact]
    public async Task Offline_scripts_set_utf8mb4_so_4_byte_characters_survive_the_client()
    {
        const string text = "smile 😀 clef 𝄞 ü";
        await using var online = await TestDatabase.CreateAsync("mysql");
        using var p = new ScriptedProject(online.Url,
            "op.Execute(\"CREATE TABLE u8 (s VARCHAR(40)) DEFAULT CHARSET=utf8mb4\"); op.Execute(\"INSERT INTO u8 (s) VALUES (?)\", \"" + text + "\");");
        var script = await p.Retort("upgrade", "--sql", "base:head");
        Assert.Equal(0, script.ExitCode);
        Assert.StartsWith("SET NAMES utf8mb4;", script.Stdout.TrimStart());
        // Under the client's own default character set: utf8mb3 in a UTF-8 locale (4-byte characters refused),
        // latin1 in the C locale (bytes taken for latin1 characters).
        foreach (var locale in new[] { "C.UTF-8", "C" })
        {
            await using var offline = await TestDatabase.CreateAsync("mysql");
            await ClientRunner.RunScriptAsync(offline, script.Stdout, new Dictionary<string, string> { ["LC_ALL"] = locale, ["LANG"] = locale });
            Assert.Equal([text], await offline.QueryAsync("SELECT s FROM u8"));
        }
        Assert.Equal(0, (await p.Retort("upgrade", "head")).ExitCode);
        Assert.Equal([text], await online.QueryAsync("SELECT s FROM u8"));
    }

    [Fact]
    public async Task A_revision_that_failed_half_way_stops_the_next_upgrade_until_repaired()
    {
        await using var db = await TestDatabase.CreateAsync("mysql");
        using var p = new ScriptedProject(db.Url,
            "op.Execute(\"CREATE TABLE one (id INTEGER)\");",
            "op.Execute(\"CREATE TABLE two (id INTEGER)\"); op.Execute(\"INSERT INTO two VALUES (2)\"); op.Execute(\"CREATE TABLE two (id INTEGER)\");");
        var first = await p.Retort("upgrade", "head");
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("2 of its 3 statements ran before the failure and stay applied (mysql has no transactional DDL), so it is half-applied", first.Stderr);

        // The next deploy does not fail with "already exists": it names what happened and the way out.
        var next = await p.Retort("upgrade", "head");
        Assert.Equal(1, next.ExitCode);
        var failed = next.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
        Assert.StartsWith($"FAILED: Revision {ScriptedProject.Id(2)} (rev 2) failed during an earlier upgrade (started ", failed);
        Assert.Contains("): 2 of 3 statements completed and stay applied; statement 3 failed: CREATE TABLE two (id INTEGER). Undo what it did by hand", failed);
        Assert.Equal(["2"], await db.QueryAsync("SELECT id FROM two"));

        // By hand: undo, fix the revision; then repair and upgrade.
        await db.ExecuteAsync("DROP TABLE two");
        var file = Directory.GetFiles(Path.Combine(p.Path, "migrations", "versions"), $"{ScriptedProject.Id(2)}_*.cs").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace(" op.Execute(\"CREATE TABLE two (id INTEGER)\");\n", "\n"));
        var repair = await p.Retort("repair");
        Assert.Equal($"Marked {ScriptedProject.Id(2)} (rev 2) as not applied: the next upgrade runs it from the start.\n", repair.Stdout);
        Assert.Equal("Nothing to repair: no revision was left unfinished.\n", (await p.Retort("repair")).Stdout);
        var up = await p.Retort("upgrade", "head");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["2"], await db.QueryAsync("SELECT id FROM two"));
        Assert.Equal([$"{ScriptedProject.Id(1)}|done", $"{ScriptedProject.Id(2)}|repaired", $"{ScriptedProject.Id(2)}|done"],
            await db.QueryAsync("SELECT revision, status FROM retort_version_history ORDER BY id"));
    }
}
