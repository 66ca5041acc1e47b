using System.Diagnostics;

namespace Retort.Tests.RealWork;

/// <summary>
/// A real Alembic project (made by <c>alembic init</c>, run with the system's python3) whose env.py takes its target
/// MetaData from models.py: the reference Retort's behaviour is checked against.
/// </summary>
public sealed class AlembicProject : IDisposable
{
    private readonly Cli.TempDir _dir = new();
    private readonly string _url;

    // SQLAlchemy reads sqlite:// and postgresql:// URLs as Retort's tests write them; MariaDB goes through PyMySQL.
    private AlembicProject(string url) => _url = url.StartsWith("mysql://", StringComparison.Ordinal) ? "mysql+pymysql://" + url["mysql://".Length..] : url;

    /// <param name="url">The database, as Retort's tests name it.</param>
    /// <param name="models">models.py: defines <c>metadata</c>.</param>
    public static async Task<AlembicProject> CreateAsync(string url, string models)
    {
        var p = new AlembicProject(url);
        var init = await p.RunAsync("init", "alembic");
        Assert.True(init.ExitCode == 0, init.Output);
        File.WriteAllText(p._dir["models.py"], models);
        File.WriteAllText(p._dir["alembic/env.py"], """
            import os, sys
            from alembic import context
            from sqlalchemy import create_engine, pool
            sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            from models import metadata

            engine = create_engine(os.environ["ALEMBIC_TEST_URL"], poolclass=pool.NullPool)
            with engine.connect() as connection:
                context.configure(connection=connection, target_metadata=metadata)
                with context.begin_transaction():
                    context.run_migrations()
            """);
        return p;
    }

    /// <summary>Writes a revision file into alembic/versions.</summary>
    public void WriteRevision(string name, string text) => File.WriteAllText(_dir["alembic/versions/" + name], text);

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-m", "alembic", .. args]) start.ArgumentList.Add(a);
        start.Environment["ALEMBIC_TEST_URL"] = _url;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _dir.Dispose();
}
