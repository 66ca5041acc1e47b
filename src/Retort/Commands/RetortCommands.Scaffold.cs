using Retort.Dialects;
using Retort.Runtime;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>What <c>retort scaffold</c> writes and from which tables.</summary>
public sealed record ScaffoldOptions
{
    /// <summary><c>entities</c> (one class per table with Retort's attributes) or <c>metadata</c> (one MetaData file).</summary>
    public string Form { get; init; } = "entities";

    /// <summary>The folder to write into; default <c>&lt;script_location&gt;/model</c>, which env.cs is compiled with.</summary>
    public string? Output { get; init; }

    public string Namespace { get; init; } = "Model";

    /// <summary>Only these tables (all when empty).</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>The database schema to read (PostgreSQL); default the version table's schema, else the default one.</summary>
    public string? Schema { get; init; }

    /// <summary>Overwrite files that exist.</summary>
    public bool Force { get; init; }
}

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort scaffold</c>: reads the live database and writes C# model files for it, to use as env.cs's target
    /// model (<c>retort check</c> then reports nothing to do). Returns the files written.
    /// </summary>
    public async Task<IReadOnlyList<string>> ScaffoldAsync(ScaffoldOptions options, CancellationToken ct = default)
    {
        if (options.Form is not ("entities" or "metadata"))
            throw new RetortException($"Unknown scaffold form '{options.Form}': use entities or metadata.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.Namespace, @"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"))
            throw new RetortException($"'{options.Namespace}' is not a C# namespace.");
        var wanted = options.Tables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ownTables = new[] { Config.VersionTable, Config.VersionTable + "_history" };
        DatabaseSchema live;
        string source;
        Func<SqlType, string> typeSql;
        await using (var session = await DatabaseSession.OpenAsync(Config, ct))
        {
            var reflector = session.Provider.CreateReflector()
                            ?? throw new RetortException($"Retort cannot read {session.Provider.Name} databases' schemas (no reflector).");
            live = await reflector.ReflectAsync(session.Target.Connection, new ReflectOptions
            {
                Schema = options.Schema ?? Config.VersionTableSchema,
                Schemas = Config.Schemas,
                IncludeTable = name => !ownTables.Contains(name, StringComparer.OrdinalIgnoreCase) && (wanted.Count == 0 || wanted.Contains(name)),
            }, ct);
            live = live with { Tables = live.Tables.Select(t => ExactTypes.Apply(session.Provider, t)).ToList() };
            source = session.Url.Display;
            typeSql = session.Provider.Dialect.TypeToSql;
        }
        var missing = wanted.Where(w => live.Find(w) is null).ToList();
        if (missing.Count > 0) throw new RetortException($"No table named {string.Join(", ", missing)} in the database.");
        if (live.Tables.Count == 0) throw new RetortException("The database has no tables to scaffold.");

        var files = options.Form == "metadata"
            ? ModelScaffolder.MetaDataFile(live, options.Namespace, source)
            : ModelScaffolder.EntityFiles(live, options.Namespace, source, typeSql);
        var output = Path.GetFullPath(options.Output is null ? Path.Combine(Config.ScriptDirectory, "model") : Path.Combine(Config.BaseDirectory, options.Output));
        var paths = files.Keys.Select(f => Path.Combine(output, f)).ToList();
        if (!options.Force && paths.FirstOrDefault(File.Exists) is { } existing)
            throw new RetortException($"{Scripting.ScriptDirectory.RelativePath(existing)} exists: scaffold writes nothing over existing files unless --force.");
        Directory.CreateDirectory(output);
        foreach (var (file, text) in files)
        {
            // Written beside the target, then moved: an interrupted scaffold leaves no half file.
            var path = Path.Combine(output, file);
            File.WriteAllText(path + ".tmp", text);
            File.Move(path + ".tmp", path, overwrite: true);
        }
        Output.WriteLine($"Scaffolded {live.Tables.Count} table(s) into {paths.Count} file(s) in {Scripting.ScriptDirectory.RelativePath(output)}.");
        Output.WriteLine(options.Form == "metadata"
            ? $"In env.cs: context.TargetModel = {options.Namespace}.{ModelScaffolder.MetaDataClass}.MetaData;"
            : $"In env.cs: context.TargetModel = typeof({options.Namespace}.{Path.GetFileNameWithoutExtension(paths[0])}).Assembly;");
        return paths;
    }
}
