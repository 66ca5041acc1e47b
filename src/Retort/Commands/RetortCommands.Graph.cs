namespace Retort.Commands;

public sealed partial class RetortCommands
{
    /// <summary><c>retort graph --format mermaid|dot|ascii</c>; with <paramref name="markCurrent"/> the database's revisions are marked.</summary>
    public async Task GraphAsync(string format, bool markCurrent = false, CancellationToken ct = default)
    {
        var map = Map;
        var current = markCurrent ? (await ReadCurrentAsync(ct)).ToHashSet(StringComparer.Ordinal) : [];
        var renderer = new GraphRenderer(map, current);
        var formatter = new RevisionFormatter(map, current);
        Output.Write(format switch
        {
            "mermaid" => renderer.Mermaid(),
            "dot" => renderer.Dot(),
            "ascii" => renderer.Ascii(map.Walk(), r => formatter.Short(r, parents: false, branches: true, doc: true)),
            _ => throw new RetortException($"Unknown graph format '{format}': use mermaid, dot or ascii."),
        });
    }
}
