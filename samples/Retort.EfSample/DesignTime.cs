using Microsoft.EntityFrameworkCore;
using Retort.Commands;
using Retort.Configuration;
using Retort.EntityFrameworkCore;

namespace Retort.EfSample;

/// <summary>
/// <c>dotnet run -- retort revision --autogenerate -m MSG [--url URL]</c> writes a revision into Migrations/ from the
/// difference between <see cref="TodoContext"/> and the database; <c>dotnet run -- retort check [--url URL]</c> exits 1
/// when they differ. The revisions are then compiled into the app with the rest of its code.
/// </summary>
public static class DesignTime
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url") ?? Environment.GetEnvironmentVariable("Retort__Url") ?? "sqlite:///todo.db";
        var project = ProjectDirectory();
        var options = new DbContextOptionsBuilder<TodoContext>();
        TodoContext.Configure(options, url, project);
        var config = new RetortConfig
        {
            BaseDirectory = project,
            ScriptLocation = "Migrations",
            VersionLocations = ["Migrations"],
            Url = url,
            TargetModel = EfCoreModel.From<TodoContext>(options.Options),
        };
        var commands = new RetortCommands(config, Console.Out);
        try
        {
            switch (args)
            {
                case ["revision", "--autogenerate", "-m", var message, ..]:
                    await commands.AutogenerateAsync(new RevisionOptions(message));
                    return 0;
                case ["check", ..]:
                    return (await commands.CheckAsync()).Count == 0 ? 0 : 1;
                default:
                    Console.Error.WriteLine("FAILED: usage: retort revision --autogenerate -m MSG [--url URL] | retort check [--url URL]");
                    return 2;
            }
        }
        catch (RetortException e)
        {
            Console.Error.WriteLine("FAILED: " + DatabaseUrl.Mask(e.Message));
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The folder holding the project file: revisions are written there, not into bin/.</summary>
    private static string ProjectDirectory()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Retort.EfSample.csproj"))) return dir;
        return Directory.GetCurrentDirectory();
    }
}
