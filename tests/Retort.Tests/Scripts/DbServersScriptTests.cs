using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Retort.Tests.Scripts;

/// <summary>
/// scripts/db-servers.sh against a port this test holds, in a scratch folder and on ports of its own (the servers the
/// suite runs on are never touched): one FAILED line naming the server, the port, its log and the variable to set,
/// exit 1, and nothing created or started.
/// </summary>
public class DbServersScriptTests
{
    [Theory]
    [InlineData("pg", "PostgreSQL", "RETORT_PG_PORT", "pg/log")]
    [InlineData("mariadb", "MariaDB", "RETORT_MYSQL_PORT", "mysql/error.log")]
    public async Task A_busy_port_fails_at_once_with_one_line_naming_the_port_the_log_and_the_variable(string server, string name, string variable, string log)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var scratch = Directory.CreateTempSubdirectory("retort-dbservers-").FullName;
        try
        {
            var (exit, stdout, stderr) = await RunAsync(scratch, variable, port, "start", server);

            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Equal(
                $"FAILED: {name} cannot start on 127.0.0.1:{port}: another program holds that port (log: {scratch}/{log}); set {variable} to a free port (and RETORT_SCRATCH for another folder)\n",
                stderr);
            // Checked before initdb / mariadb-install-db: the folder holds only the (empty) list of what was started.
            Assert.Equal(["started"], Directory.EnumerateFileSystemEntries(scratch).Select(Path.GetFileName));
            Assert.Equal("", File.ReadAllText(Path.Combine(scratch, "started")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_server_name_is_one_FAILED_line()
    {
        var scratch = Directory.CreateTempSubdirectory("retort-dbservers-").FullName;
        try
        {
            var (exit, _, stderr) = await RunAsync(scratch, "RETORT_PG_PORT", 1, "start", "oracle");
            Assert.Equal(2, exit);
            Assert.Equal("FAILED: unknown server 'oracle' (pg, mariadb)\n", stderr);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string scratch, string variable, int port, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoRoot(), "scripts", "db-servers.sh"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["RETORT_SCRATCH"] = scratch;
        // Both ports point away from the running servers; the one under test is the held one.
        start.Environment["RETORT_PG_PORT"] = start.Environment["RETORT_MYSQL_PORT"] = "1";
        start.Environment[variable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
