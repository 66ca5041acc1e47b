using Tomlyn.Model;

namespace Retort.Configuration;

public static partial class ConfigLoader
{
    public const string DefaultSection = "retort";

    private const string PostWriteHooksTable = "post_write_hooks";

    /// <summary>
    /// Tables Retort reads besides the config section: [databases], [fleet] (read by Fleet through Extra),
    /// [naming_convention] and [[post_write_hooks]].
    /// </summary>
    private static readonly string[] KnownTables = ["databases", "fleet", "naming_convention", PostWriteHooksTable];

    /// <summary>
    /// A misspelt table (<c>[post_write_hook]</c>) would otherwise be read by nobody and the setting silently lost.
    /// A table whose keys are all config keys is a section for <c>-n NAME</c> (Alembic keeps several named sections
    /// in one file) and is accepted; anything else is refused, naming it.
    /// </summary>
    private static void RefuseUnknownTables(TomlTable root, string file)
    {
        var name = Path.GetFileName(file);
        foreach (var (key, value) in root)
        {
            if (key == DefaultSection || KnownTables.Contains(key, StringComparer.Ordinal)) continue;
            if (value is not TomlTable table)
                throw new RetortException($"Unknown key '{key}' outside any table of {name}: put it under [retort].");
            if (table.Keys.FirstOrDefault(k => !KnownKeys.Contains(k)) is { } stray)
                throw new RetortException(
                    $"Unknown table [{key}] in {name} (its key '{stray}' is no [retort] key, so it is not a section for -n either); known tables: {string.Join(", ", KnownTables.Prepend(DefaultSection).Order(StringComparer.Ordinal))}.");
        }
    }
}
