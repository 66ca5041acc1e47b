using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace Retort.Configuration;

/// <summary>Reads retort.toml: the [retort] table, with ${VAR} references to environment variables.</summary>
public static partial class ConfigLoader
{
    public const string DefaultFileName = "retort.toml";

    private static readonly HashSet<string> KnownKeys =
    [
        "script_location", "version_locations", "url", "dialect", "version_table", "version_table_schema",
        "file_template", "truncate_slug_length", "transaction_per_migration", "timezone", "lock_timeout", "providers", "on_connect", "references",
        "server_version", "ddl_lock_timeout", "ddl_lock_retries", "safe_ddl",
        "schemas", "revision_environment", "recursive_version_locations",
    ];

    /// <summary>Reads <paramref name="path"/> (default retort.toml here); <paramref name="section"/> is the table read
    /// in place of [retort] (Alembic's <c>-n</c>).</summary>
    public static RetortConfig Load(string? path, string? section = null)
    {
        var file = Path.GetFullPath(path ?? DefaultFileName);
        if (!File.Exists(file))
            throw new RetortException(path is null
                ? $"No {DefaultFileName} in {Path.GetDirectoryName(file)}: run 'retort init migrations' to create one, or pass -c/--config."
                : $"Config file not found: {file}");
        return LoadText(File.ReadAllText(file), file, section: section);
    }

    /// <summary>
    /// retort.toml's text as if read from <paramref name="file"/> (relative paths resolve beside it); a migration
    /// bundle carries its project's file this way. <paramref name="url"/>, when given, replaces the file's url
    /// without reading it, so a <c>${VAR}</c> there need not be set. <paramref name="section"/>: as for <see cref="Load"/>.
    /// </summary>
    public static RetortConfig LoadText(string text, string file, string? url = null, string? section = null)
    {
        section ??= DefaultSection;
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
            RefuseDuplicateTables(text, file);
        }
        catch (TomlException e)
        {
            throw new RetortException($"Malformed {Path.GetFileName(file)}: {FirstLine(e.Message)}");
        }
        if (!root.TryGetValue(section, out var chosen) || chosen is not TomlTable table)
            throw new RetortException(section == DefaultSection
                ? $"{Path.GetFileName(file)} has no [retort] table."
                : $"{Path.GetFileName(file)} has no [{section}] table (named by -n/--name).");
        RefuseUnknownTables(root, file);

        var config = new RetortConfig { ConfigFile = file, BaseDirectory = Path.GetDirectoryName(file)! };
        foreach (var (key, value) in table)
        {
            if (!KnownKeys.Contains(key))
                throw new RetortException($"Unknown key '{key}' in [{section}] of {Path.GetFileName(file)}; known keys: {string.Join(", ", KnownKeys.Order())}.");
            if (key == "url" && url is not null) continue;
            Apply(config, key, value, file);
        }
        if (url is not null) config.Url = url;
        foreach (var (key, value) in root)
        {
            if (key == "databases" && value is TomlTable databases)
                foreach (var (name, other) in databases)
                    config.ExtraDatabases.Add(new(name, other is string s ? Expand(s, "databases." + name)
                        : throw new RetortException($"databases.{name} in {Path.GetFileName(file)} must be a URL string.")));
            else if (key == NamingConventionTable.Name) config.NamingConvention = NamingConventionTable.Read(value, file);
            else if (key == PostWriteHooksTable) config.PostWriteHooks = PostWriteHookTable.Read(value, Path.GetFileName(file));
            else if (key != section) config.Extra[key] = value;
        }
        return config;
    }

    private static void Apply(RetortConfig config, string key, object? value, string file)
    {
        switch (key)
        {
            case "script_location": config.ScriptLocation = Text(key, value, file); break;
            case "version_locations":
                config.VersionLocations = value is TomlArray arr
                    ? arr.Select(v => Expand(v?.ToString() ?? "", key)).ToList()
                    : throw new RetortException($"{key} in {Path.GetFileName(file)} must be an array of paths.");
                break;
            case "url": config.Url = Text(key, value, file); break;
            case "dialect": config.Dialect = NullIfEmpty(Text(key, value, file)); break;
            case "version_table": config.VersionTable = Text(key, value, file); break;
            case "version_table_schema": config.VersionTableSchema = NullIfEmpty(Text(key, value, file)); break;
            case "file_template": config.FileTemplate = Text(key, value, file); break;
            case "truncate_slug_length": config.TruncateSlugLength = (int)Number(key, value, file, 1, 200); break;
            case "transaction_per_migration": config.TransactionPerMigration = Bool(key, value, file); break;
            case "timezone": config.Timezone = NullIfEmpty(Text(key, value, file)); break;
            case "lock_timeout": config.LockTimeout = TimeSpan.FromSeconds(Number(key, value, file, 0, MaxLockTimeoutSeconds)); break;
            case "server_version": config.ServerVersion = NullIfEmpty(Text(key, value, file)); break;
            case "ddl_lock_timeout": config.DdlLockTimeout = Duration(key, value, file); break;
            case "ddl_lock_retries": config.DdlLockRetries = (int)Number(key, value, file, 0, 100); break;
            case "safe_ddl": config.SafeDdl = Bool(key, value, file); break;
            case "revision_environment": config.RevisionEnvironment = Bool(key, value, file); break;
            case "recursive_version_locations": config.RecursiveVersionLocations = Bool(key, value, file); break;
            case "schemas":
                config.Schemas = value is TomlArray names && names.All(v => v is string { Length: > 0 })
                    ? names.Select(v => Expand((string)v!, key)).ToList()
                    : throw new RetortException($"{key} in {Path.GetFileName(file)} must be an array of schema names, e.g. [\"public\", \"ordering\"].");
                break;
            case "on_connect":
                config.OnConnect = value is TomlArray statements && statements.All(v => v is string)
                    ? statements.Select(v => Expand((string)v!, key)).ToList()
                    : throw new RetortException($"{key} in {Path.GetFileName(file)} must be an array of SQL strings.");
                break;
            case "references":
                config.References = value is TomlArray refs && refs.All(v => v is string r && (r.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || r.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)))
                    ? refs.Select(v => Path.GetFullPath(Path.Combine(config.BaseDirectory, Expand((string)v!, key)))).ToList()
                    : throw new RetortException($"{key} in {Path.GetFileName(file)} must be an array of .dll or .csproj paths, e.g. [\"../App/App.csproj\"].");
                break;
            // Assemblies with further database providers, relative to the config file; registered as they are read
            // so that url and dialect may name them.
            case "providers":
                if (value is not TomlArray providers) throw new RetortException($"{key} in {Path.GetFileName(file)} must be an array of assembly paths.");
                foreach (var p in providers)
                    ProviderAssemblies.Load(Path.Combine(config.BaseDirectory, Expand(p?.ToString() ?? "", key)));
                break;
        }
    }

    private static string Text(string key, object? value, string file) =>
        value is string s ? Expand(s, key) : throw new RetortException($"{key} in {Path.GetFileName(file)} must be a string.");

    private static long Number(string key, object? value, string file, long min, long max) =>
        value is long n && n >= min && n <= max
            ? n
            : throw new RetortException($"{key} in {Path.GetFileName(file)} must be a whole number from {min} to {max}" + (value is long got ? $"; got {got}." : "."));

    /// <summary>SQL Server's sp_getapplock waits an int of milliseconds: the longest wait every lock can honour.</summary>
    private const long MaxLockTimeoutSeconds = int.MaxValue / 1000;

    /// <summary>
    /// A table header written twice (<c>[retort]</c> … <c>[retort]</c>): the TOML reader keeps the last value of
    /// each key, so a second <c>url</c> would silently win.
    /// </summary>
    private static void RefuseDuplicateTables(string text, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in TableHeaderPattern().Matches(text))
            if (!seen.Add(m.Groups[1].Value.Trim()))
                throw new RetortException($"[{m.Groups[1].Value.Trim()}] appears twice in {Path.GetFileName(file)}: merge the two tables into one.");
    }

    [GeneratedRegex(@"^[ \t]*\[(?!\[)([^\]\r\n#]+)\][ \t]*(?:#.*)?$", RegexOptions.Multiline)]
    private static partial Regex TableHeaderPattern();

    /// <summary>"500ms", "2s", "1.5s", "1m", or a whole number of seconds.</summary>
    private static TimeSpan Duration(string key, object? value, string file)
    {
        if (value is long seconds) return TimeSpan.FromSeconds(seconds);
        var m = value is string s ? DurationPattern().Match(s.Trim()) : null;
        if (m is null || !m.Success)
            throw new RetortException($"{key} in {Path.GetFileName(file)} must be a duration such as \"500ms\", \"2s\" or \"1m\".");
        var n = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "ms" => TimeSpan.FromMilliseconds(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromSeconds(n) };
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m)?$")]
    private static partial Regex DurationPattern();

    private static bool Bool(string key, object? value, string file) =>
        value is bool b ? b : throw new RetortException($"{key} in {Path.GetFileName(file)} must be true or false.");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>Replaces ${NAME} with the environment variable; a missing variable is an error, not an empty string.</summary>
    public static string Expand(string text, string key) =>
        VariablePattern().Replace(text, m =>
            Environment.GetEnvironmentVariable(m.Groups[1].Value) is { } v
                ? v
                : throw new RetortException($"{key} refers to ${{{m.Groups[1].Value}}} but that environment variable is not set."));

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex VariablePattern();
}
