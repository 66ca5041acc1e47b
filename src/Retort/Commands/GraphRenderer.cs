using System.Text;
using Retort.Graph;

namespace Retort.Commands;

/// <summary>
/// Draws the revision DAG: Mermaid and Graphviz DOT for pictures, ASCII lanes for the terminal. Heads, branch
/// points, merge points, branch labels and the database's current revisions are marked.
/// </summary>
internal sealed class GraphRenderer(RevisionMap map, IReadOnlySet<string> current)
{
    public string Mermaid()
    {
        var sb = new StringBuilder("flowchart BT\n");
        foreach (var rev in map.All)
        {
            var text = Escape(Label(rev)).Replace("\n", "<br/>");
            sb.Append($"    {Node(rev.Id)}[\"{text}\"]\n");
        }
        foreach (var rev in map.All)
        {
            foreach (var parent in rev.DownRevisions) sb.Append($"    {Node(parent)} --> {Node(rev.Id)}\n");
            foreach (var dep in rev.DependsOn) sb.Append($"    {Node(dep)} -.->|depends on| {Node(rev.Id)}\n");
        }
        sb.Append("    classDef head fill:#d4f7d4,stroke:#2a7a2a\n");
        sb.Append("    classDef current stroke:#c00,stroke-width:3px\n");
        sb.Append("    classDef merge fill:#e6e0ff,stroke:#5a45b0\n");
        sb.Append("    classDef branch fill:#fff2cc,stroke:#b08a00\n");
        AppendClass(sb, "branch", map.All.Where(r => map.IsBranchPoint(r.Id)));
        AppendClass(sb, "merge", map.All.Where(r => r.IsMergePoint));
        AppendClass(sb, "head", map.Heads);
        AppendClass(sb, "current", map.All.Where(r => current.Contains(r.Id)));
        return sb.ToString();
    }

    public string Dot()
    {
        var sb = new StringBuilder("digraph retort {\n    rankdir=BT;\n    node [shape=box, style=rounded, fontname=\"monospace\"];\n");
        foreach (var rev in map.All)
        {
            var attrs = new List<string> { $"label=\"{Label(rev).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"" };
            if (map.IsHead(rev.Id)) attrs.Add("style=\"rounded,filled\", fillcolor=\"#d4f7d4\"");
            else if (rev.IsMergePoint) attrs.Add("style=\"rounded,filled\", fillcolor=\"#e6e0ff\"");
            else if (map.IsBranchPoint(rev.Id)) attrs.Add("style=\"rounded,filled\", fillcolor=\"#fff2cc\"");
            if (current.Contains(rev.Id)) attrs.Add("color=\"#cc0000\", penwidth=3");
            sb.Append($"    \"{rev.Id}\" [{string.Join(", ", attrs)}];\n");
        }
        foreach (var rev in map.All)
        {
            foreach (var parent in rev.DownRevisions) sb.Append($"    \"{parent}\" -> \"{rev.Id}\";\n");
            foreach (var dep in rev.DependsOn) sb.Append($"    \"{dep}\" -> \"{rev.Id}\" [style=dashed, label=\"depends on\"];\n");
        }
        return sb.Append("}\n").ToString();
    }

    /// <summary>
    /// Newest first, one lane per open line of descent, like <c>git log --graph</c>: '*' marks the revision,
    /// '|' a lane passing by, and a merge opens one lane per extra parent.
    /// </summary>
    public string Ascii(IReadOnlyList<Revision> order, Func<Revision, string> describe)
    {
        var sb = new StringBuilder();
        var lanes = new List<string?>(); // each lane waits for the revision id it leads to
        foreach (var rev in order)
        {
            var col = lanes.IndexOf(rev.Id);
            if (col < 0)
            {
                col = lanes.IndexOf(null);
                if (col < 0) { lanes.Add(rev.Id); col = lanes.Count - 1; }
                else lanes[col] = rev.Id;
            }
            // Other lanes that also waited for this revision (a branch point) join here.
            var joined = new List<int>();
            for (var i = 0; i < lanes.Count; i++)
                if (i != col && lanes[i] == rev.Id) { joined.Add(i); lanes[i] = null; }

            if (joined.Count > 0) sb.Append(JoinRow(lanes, col, joined)).Append('\n');
            sb.Append(Row(lanes, col, '*')).Append(' ').Append(describe(rev)).Append('\n');

            var parents = rev.DownRevisions;
            lanes[col] = parents.Count > 0 ? parents[0] : null;
            if (parents.Count > 1)
            {
                var opened = new List<int>();
                foreach (var p in parents.Skip(1))
                {
                    var free = lanes.IndexOf(null);
                    if (free < 0) { lanes.Add(p); free = lanes.Count - 1; }
                    else lanes[free] = p;
                    opened.Add(free);
                }
                sb.Append(SplitRow(lanes, col, opened)).Append('\n');
            }
            while (lanes.Count > 0 && lanes[^1] is null) lanes.RemoveAt(lanes.Count - 1);
        }
        return sb.ToString();
    }

    private static string Row(List<string?> lanes, int col, char mark)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Math.Max(lanes.Count, col + 1); i++)
            sb.Append(i == col ? mark : lanes[i] is null ? ' ' : '|').Append(' ');
        return sb.ToString().TrimEnd();
    }

    private static string JoinRow(List<string?> lanes, int col, List<int> joined)
    {
        var width = Math.Max(lanes.Count, joined.Max() + 1);
        var sb = new StringBuilder();
        for (var i = 0; i < width; i++)
            sb.Append(i == col ? '|' : joined.Contains(i) ? (i > col ? '/' : '\\') : i < lanes.Count && lanes[i] is not null ? '|' : ' ').Append(' ');
        return sb.ToString().TrimEnd();
    }

    private static string SplitRow(List<string?> lanes, int col, List<int> opened)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < lanes.Count; i++)
            sb.Append(i == col ? '|' : opened.Contains(i) ? (i > col ? '\\' : '/') : lanes[i] is not null ? '|' : ' ').Append(' ');
        return sb.ToString().TrimEnd();
    }

    private string Label(Revision rev)
    {
        var marks = new List<string>();
        if (rev.BranchLabels.Count > 0) marks.Add("(" + string.Join(", ", rev.BranchLabels) + ")");
        if (map.IsHead(rev.Id)) marks.Add("(head)");
        if (map.IsBranchPoint(rev.Id)) marks.Add("(branchpoint)");
        if (rev.IsMergePoint) marks.Add("(mergepoint)");
        if (current.Contains(rev.Id)) marks.Add("(current)");
        var first = marks.Count == 0 ? rev.Id : rev.Id + " " + string.Join(" ", marks);
        return rev.Message.Length == 0 ? first : first + "\n" + rev.Message;
    }

    private static void AppendClass(StringBuilder sb, string cls, IEnumerable<Revision> revisions)
    {
        var ids = revisions.Select(r => Node(r.Id)).ToList();
        if (ids.Count > 0) sb.Append($"    class {string.Join(",", ids)} {cls}\n");
    }

    private static string Node(string id) => "r_" + new string(id.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    private static string Escape(string s) => s.Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;");
}
