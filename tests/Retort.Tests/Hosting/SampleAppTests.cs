using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Retort.Tests.Cli;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Hosting;

/// <summary>The sample app, started as a real process against a fresh database, migrated by Retort.Hosting.</summary>
public class SampleAppTests
{
    private static string SampleDll()
    {
        var config = AppContext.BaseDirectory.Contains("/bin/Release/") ? "Release" : "Debug";
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "samples", "Retort.Sample", "bin", config, "net10.0", "Retort.Sample.dll");
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static Process Start(string url, int port, string workDir)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        foreach (var a in new[] { SampleDll(), "--urls", $"http://127.0.0.1:{port}", $"--Retort:Url={url}", "--contentRoot", workDir }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public async Task The_app_migrates_at_start_up_and_serves_users_with_phone_numbers(string dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var dir = new TempDir();
        var port = FreePort();
        using var app = Start(db.Url, port, dir.Path);
        var output = app.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(http, app);
            var created = await http.PostAsJsonAsync("/users", new { name = "ann", phoneNumber = "555-0100" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/users/1", created.Headers.Location?.ToString());
            created = await http.PostAsJsonAsync("/users", new { name = "bob" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            // GET reads the ids back as the record's long: a 32-bit id column on a server database made this a 500.
            var users = await http.GetAsync("/users");
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
            Assert.Equal("""[{"id":1,"name":"ann","phoneNumber":"555-0100"},{"id":2,"name":"bob","phoneNumber":null}]""",
                await users.Content.ReadAsStringAsync());
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        Assert.Contains("Running upgrade 1975ea83b712 -> ae1027a6acf2, create phone number for user col", await output);
        Assert.Equal(["ae1027a6acf2"], await db.QueryAsync("SELECT version_num FROM retort_version"));
    }

    [Fact]
    public async Task A_failed_migration_stops_the_app_with_one_critical_line_and_no_password()
    {
        using var dir = new TempDir();
        using var app = Start("postgresql://bob:tiger-secret@127.0.0.1:1/app", FreePort(), dir.Path);
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = app.StandardError.ReadToEndAsync();
        await app.WaitForExitAsync();
        var all = await stdout + await stderr;
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains("Database migration failed: Cannot connect to postgresql://bob:***@127.0.0.1:1/app", all);
        Assert.DoesNotContain("tiger-secret", all);
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process app)
    {
        for (var i = 0; i < 150; i++)
        {
            if (app.HasExited) throw new InvalidOperationException($"The sample app exited with {app.ExitCode}: {await app.StandardError.ReadToEndAsync()}");
            try
            {
                await http.GetAsync("/users");
                return;
            }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException("The sample app did not start listening.");
    }
}
