using System.CommandLine;
using Retort.Bundles;
using Retort.Configuration;

namespace Retort.Cli;

/// <summary>
/// Options every command takes: -c/--config, -n/--name, -x key=value, -q/--quiet, -v/--verbose, --json. A migration
/// bundle (<see cref="Bundle"/>) takes --url instead of -c: its configuration is the one it carries.
/// </summary>
internal sealed class GlobalOptions(BundledProject? bundle = null)
{
    /// <summary>Names the config file when -c does not (Alembic's ALEMBIC_CONFIG).</summary>
    public const string ConfigVariable = "RETORT_CONFIG";

    public BundledProject? Bundle { get; } = bundle;

    public readonly Option<string?> Url = new("--url")
    {
        Description = "The database URL, in place of the bundled retort.toml's url (e.g. postgresql://app:secret@db:5432/shop).",
        Recursive = true,
    };

    public readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "The configuration file. Without it: $RETORT_CONFIG, else retort.toml in the current folder.",
        Recursive = true,
    };

    public readonly Option<string?> Name = new("--name", "-n")
    {
        Description = "The table of retort.toml to read in place of [retort], e.g. -n staging reads [staging].",
        Recursive = true,
    };

    public readonly Option<string[]> X = new("-x")
    {
        Description = "key=value for the env file (context.XArgs); may be repeated.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print no progress lines, only results and errors.",
        Recursive = true,
    };

    // One meaning everywhere: more output. Read commands print each revision in full; errors add the stack trace.
    public readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "More output: every SQL statement run on the database, full revision details (current, history, heads, branches) and stack traces on errors.",
        Recursive = true,
    };

    public readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON (current, heads, history, branches, show, check).",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Json);
        root.Options.Add(Bundle is null ? Config : Url);
        root.Options.Add(Name);
        root.Options.Add(X);
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }

    /// <summary>-c, else $RETORT_CONFIG, else null (retort.toml here).</summary>
    public string? ConfigFile(ParseResult result) =>
        result.GetValue(Config) ?? (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    public RetortConfig LoadConfig(ParseResult result)
    {
        var config = Bundle is { } bundled ? bundled.LoadConfig(result.GetValue(Url), result.GetValue(Name)) : ConfigLoader.Load(ConfigFile(result), result.GetValue(Name));
        foreach (var pair in result.GetValue(X) ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new RetortException($"-x takes key=value; got '{pair}'.");
            config.XArgs[pair[..eq]] = pair[(eq + 1)..];
        }
        return config;
    }
}
