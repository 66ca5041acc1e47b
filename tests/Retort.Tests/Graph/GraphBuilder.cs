using Retort.Graph;

namespace Retort.Tests.Graph;

/// <summary>Small graphs written as "id:parent1,parent2" lines, labels as "#label", dependencies as "^dep".</summary>
internal static class GraphBuilder
{
    public static RevisionMap Map(params string[] specs) => new(specs.Select(Parse));

    public static Revision Parse(string spec)
    {
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var head = parts[0].Split(':');
        var parents = head.Length > 1 && head[1].Length > 0 ? head[1].Split(',') : [];
        var labels = parts.Skip(1).Where(p => p.StartsWith('#')).Select(p => p[1..]).ToArray();
        var deps = parts.Skip(1).Where(p => p.StartsWith('^')).Select(p => p[1..]).ToArray();
        return new Revision(head[0], parents, labels, deps, "rev " + head[0]) { Path = $"versions/{head[0]}.cs" };
    }

    public static RevisionMap Linear(int n) =>
        new(Enumerable.Range(1, n).Select(i => new Revision($"r{i:D5}", i == 1 ? [] : [$"r{i - 1:D5}"], [], [], $"rev {i}")));

    public static string Ids(IEnumerable<MigrationStep> steps) => string.Join(" ", steps.Select(s => s.Revision.Id));

    /// <summary>Runs a plan through ApplyStep and returns the final heads, sorted.</summary>
    public static string Run(RevisionMap map, ISet<string> heads, IEnumerable<MigrationStep> steps)
    {
        foreach (var s in steps) map.ApplyStep(heads, s);
        return string.Join(" ", heads.OrderBy(h => h, StringComparer.Ordinal));
    }
}
