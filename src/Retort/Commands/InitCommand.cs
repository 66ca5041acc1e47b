using System.Reflection;

namespace Retort.Commands;

/// <summary><c>retort init DIR</c> and <c>retort list-templates</c>: a new migration environment from a template.</summary>
public static class InitCommand
{
    public static readonly IReadOnlyList<(string Name, string Description)> Templates =
    [
        ("generic", "Generic single-database configuration."),
        ("multidb", "Multi-database configuration: each revision runs once per database, told apart by op.Database."),
    ];

    public static void ListTemplates(TextWriter output)
    {
        output.WriteLine("Available templates:\n");
        foreach (var (name, description) in Templates) output.WriteLine($"{name} - {description}");
        output.WriteLine("\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic ./migrations");
    }

    /// <summary>Writes <paramref name="configFile"/> (retort.toml) and the environment folder; refuses to overwrite.</summary>
    public static void Init(string directory, string template, string configFile, TextWriter output)
    {
        if (!Templates.Any(t => t.Name == template))
            throw new RetortException($"No such template '{template}': choose one of {string.Join(", ", Templates.Select(t => t.Name))} (see 'retort list-templates').");
        var dir = Path.GetFullPath(directory);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new RetortException($"Directory {directory} already exists and is not empty.");
        var config = Path.GetFullPath(configFile);
        var writeConfig = !File.Exists(config);

        var scriptLocation = Path.GetRelativePath(Path.GetDirectoryName(config)!, dir).Replace('\\', '/');
        var files = new List<(string Path, string Text)>
        {
            (Path.Combine(dir, "env.cs"), Resource(template, "env.cs")),
            (Path.Combine(dir, "script.cs.liquid"), Resource(template, "script.cs.liquid")),
            (Path.Combine(dir, "README.md"), Resource(template, "README.md")),
            (Path.Combine(dir, ".gitignore"), Resource(template, "gitignore")),
        };
        if (writeConfig) files.Add((config, Resource(template, "retort.toml").Replace("{{ script_location }}", scriptLocation)));

        var createdDir = !Directory.Exists(dir);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "versions"));
            output.WriteLine($"  Creating directory {dir} ...  done");
            output.WriteLine($"  Creating directory {Path.Combine(dir, "versions")} ...  done");
            foreach (var (path, text) in files)
            {
                File.WriteAllText(path, text);
                output.WriteLine($"  Generating {path} ...  done");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (createdDir) try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            throw new RetortException($"Cannot create the environment in {directory}: {e.Message}");
        }
        // A template on an SQLite file beside retort.toml works as it is: no edit is needed before the first revision.
        var url = writeConfig ? System.Text.RegularExpressions.Regex.Match(files[^1].Text, "^url = \"([^\"]*)\"", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value : "";
        if (writeConfig && url.StartsWith("sqlite:", StringComparison.Ordinal))
            output.WriteLine($"  {config} is ready: url = \"{url}\" (an SQLite file beside it); set url there for PostgreSQL, MariaDB/MySQL or SQL Server.");
        else if (writeConfig)
            output.WriteLine($"  Please edit configuration/connection/logging settings in {config} before proceeding.");
        else
            output.WriteLine($"  {config} already exists and was left as it is: set script_location = \"{scriptLocation}\" there.");
    }

    private static string Resource(string template, string name)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream($"Retort.Templates.{template}/{name}")
                           ?? throw new InvalidOperationException($"Template resource {template}/{name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
