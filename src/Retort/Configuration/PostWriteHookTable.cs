using Tomlyn.Model;

namespace Retort.Configuration;

/// <summary>Reads the <c>[[post_write_hooks]]</c> array of tables of retort.toml.</summary>
public static class PostWriteHookTable
{
    private static readonly string[] Keys = ["name", "command", "args", "cwd"];

    public static IReadOnlyList<PostWriteHook> Read(object? value, string file)
    {
        if (value is not TomlTableArray tables)
            throw new RetortException($"post_write_hooks in {file} must be an array of tables: write each hook as [[post_write_hooks]] with command = \"…\".");
        var hooks = new List<PostWriteHook>();
        foreach (var table in tables)
        {
            var where = $"[[post_write_hooks]] #{hooks.Count + 1} of {file}";
            if (table.Keys.FirstOrDefault(k => !Keys.Contains(k, StringComparer.Ordinal)) is { } stray)
                throw new RetortException($"Unknown key '{stray}' in {where}; known keys: {string.Join(", ", Keys.Order(StringComparer.Ordinal))}.");
            var command = Text(table, "command", where) is { Length: > 0 } c
                ? c
                : throw new RetortException($"{where} needs command = \"…\" (the program to run on each new revision file).");
            var args = table.TryGetValue("args", out var a)
                ? a is TomlArray list && list.All(v => v is string)
                    ? list.Select(v => ConfigLoader.Expand((string)v!, "post_write_hooks.args")).ToList()
                    : throw new RetortException($"args in {where} must be an array of strings, e.g. [\"format\", \"{{path}}\"].")
                : [];
            hooks.Add(new PostWriteHook(Text(table, "name", where) ?? Path.GetFileNameWithoutExtension(command), command, args)
            {
                WorkingDirectory = Text(table, "cwd", where),
            });
        }
        return hooks;
    }

    private static string? Text(TomlTable table, string key, string where) =>
        !table.TryGetValue(key, out var v) ? null
        : v is string s ? ConfigLoader.Expand(s, "post_write_hooks." + key)
        : throw new RetortException($"{key} in {where} must be a string.");
}
