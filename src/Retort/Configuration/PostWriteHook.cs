namespace Retort.Configuration;

/// <summary>
/// One <c>[[post_write_hooks]]</c> entry of retort.toml: a program run on each new revision file (a formatter, a
/// linter), as Alembic's post_write_hooks of <c>type = exec</c>. <c>{path}</c> in <see cref="Args"/> is the file's
/// absolute path; when no argument names it, the path is the first argument (as Alembic's REVISION_SCRIPT_FILENAME).
/// </summary>
public sealed record PostWriteHook(string Name, string Command, IReadOnlyList<string> Args)
{
    /// <summary>The folder the program runs in; null: the config file's folder.</summary>
    public string? WorkingDirectory { get; init; }

    public const string PathToken = "{path}";

    /// <summary>The program's arguments for <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ArgumentsFor(string path) =>
        Args.Any(a => a.Contains(PathToken, StringComparison.Ordinal))
            ? Args.Select(a => a.Replace(PathToken, path, StringComparison.Ordinal)).ToList()
            : Args.Prepend(path).ToList();
}
