using System.Diagnostics;

namespace Retort.Tests.Infrastructure;

/// <summary>Runs an SQL script through the database's own command-line client: sqlite3, psql or mariadb.</summary>
public static class ClientRunner
{
    public static async Task RunScriptAsync(TestDatabase db, string script, IDictionary<string, string>? environment = null)
    {
        var start = db.Dialect.Name switch
        {
            "sqlite" => Client("sqlite3", "-bail", db.ConnectionString.Split(';')[0]["Data Source=".Length..]),
            "postgresql" => Postgres(db.Url),
            _ => MySql(db.Url),
        };
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && !stderr.Contains("ERROR", StringComparison.OrdinalIgnoreCase), $"{start.FileName} failed: {stderr}");
    }

    private static ProcessStartInfo Client(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static ProcessStartInfo Postgres(string url) => Client("psql", "-v", "ON_ERROR_STOP=1", "-q", url);

    private static ProcessStartInfo MySql(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':');
        var start = Client("mariadb", "--no-defaults", "-h", uri.Host, "-P", uri.Port.ToString(), "-u", Uri.UnescapeDataString(user[0]), uri.AbsolutePath.Trim('/'));
        start.Environment["MYSQL_PWD"] = Uri.UnescapeDataString(user[1]);
        return start;
    }
}
