using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Retort.EntityFrameworkCore.Tests;

/// <summary>
/// samples/Retort.EfSample started as a real process on a fresh database: Retort.Hosting applies the revisions compiled
/// into the app before it serves, then EF Core reads and writes the tables those revisions made.
/// </summary>
public class EfSampleAppTests
{
    public static TheoryData<string> Dialects() => new(EfDatabase.All);

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_app_migrates_at_start_up_and_EF_Core_serves_from_the_tables_Retort_made(string dialect)
    {
        await using var db = await EfDatabase.CreateAsync(dialect);
        var dir = Directory.CreateTempSubdirectory("retort-efsample-").FullName;
        var port = FreePort();
        using var app = Start(dir, "--urls", $"http://127.0.0.1:{port}", $"--Retort:Url={db.Url}", "--contentRoot", dir);
        var output = app.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(http, app);
            var list = await http.PostAsJsonAsync("/lists", new { title = "groceries" });
            Assert.Equal(HttpStatusCode.Created, list.StatusCode);
            Assert.Equal("/lists/1", list.Headers.Location?.ToString());
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/lists/1/items", new { text = "milk" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/lists/9/items", new { text = "nowhere" })).StatusCode);
            // The unique index the revision created on todo_lists.Title is enforced by the database.
            Assert.Equal(HttpStatusCode.InternalServerError, (await http.PostAsJsonAsync("/lists", new { title = "groceries" })).StatusCode);
            Assert.Equal("""[{"id":1,"title":"groceries","items":[{"id":1,"text":"milk","done":false}]}]""", await http.GetStringAsync("/lists"));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        Assert.Contains("Running upgrade  -> 4e45fe3a7c62, create todo lists and items", await output);
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version_num FROM retort_version";
        Assert.Equal("4e45fe3a7c62", await cmd.ExecuteScalarAsync());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task The_apps_design_time_check_finds_the_migrated_PostgreSQL_database_up_to_date()
    {
        await using var db = await EfDatabase.CreateAsync("postgresql");
        var dir = Directory.CreateTempSubdirectory("retort-efsample-").FullName;
        var before = await RunAsync(dir, "retort", "check", "--url", db.Url);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("add table todo_lists", before.Stdout);

        var port = FreePort();
        using (var app = Start(dir, "--urls", $"http://127.0.0.1:{port}", $"--Retort:Url={db.Url}", "--contentRoot", dir))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(http, app);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        var after = await RunAsync(dir, "retort", "check", "--url", db.Url);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Equal("No new upgrade operations detected.\n", after.Stdout);
        Directory.Delete(dir, recursive: true);
    }

    private static string SampleDll()
    {
        var config = AppContext.BaseDirectory.Contains("/bin/Release/") ? "Release" : "Debug";
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "samples", "Retort.EfSample", "bin", config, "net10.0", "Retort.EfSample.dll");
    }

    private static Process Start(string workDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        start.ArgumentList.Add(SampleDll());
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workDir, params string[] args)
    {
        using var p = Start(workDir, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process app)
    {
        for (var i = 0; i < 300; i++)
        {
            if (app.HasExited) throw new InvalidOperationException($"The sample app exited with {app.ExitCode}: {await app.StandardError.ReadToEndAsync()}");
            try
            {
                await http.GetAsync("/lists");
                return;
            }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException("The sample app did not start listening.");
    }
}
