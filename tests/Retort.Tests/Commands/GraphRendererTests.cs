using Retort.Commands;
using Retort.Tests.Graph;

namespace Retort.Tests.Commands;

public class GraphRendererTests
{
    // aaa -> bbb -> ddd(merge) -> eee ; aaa -> ccc(audit) -> ddd
    private static readonly Retort.Graph.RevisionMap Map = GraphBuilder.Map("aaa", "bbb:aaa", "ccc:aaa #audit", "ddd:bbb,ccc", "eee:ddd");

    [Fact]
    public void Mermaid_marks_heads_branch_and_merge_points_labels_and_the_current_revision()
    {
        var text = new GraphRenderer(Map, new HashSet<string> { "ddd" }).Mermaid();
        Assert.StartsWith("flowchart BT\n", text);
        Assert.Contains("    r_ccc[\"ccc (audit)<br/>rev ccc\"]\n", text);
        Assert.Contains("    r_ddd[\"ddd (mergepoint) (current)<br/>rev ddd\"]\n", text);
        Assert.Contains("    r_bbb --> r_ddd\n    r_ccc --> r_ddd\n", text);
        Assert.Contains("    class r_aaa branch\n    class r_ddd merge\n    class r_eee head\n    class r_ddd current\n", text);
    }

    [Fact]
    public void Dot_draws_every_edge_and_dashes_dependencies()
    {
        var map = GraphBuilder.Map("a", "b:a", "x", "c:b ^x");
        var text = new GraphRenderer(map, new HashSet<string>()).Dot();
        Assert.Contains("    \"a\" -> \"b\";\n", text);
        Assert.Contains("    \"x\" -> \"c\" [style=dashed, label=\"depends on\"];\n", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void Ascii_lanes_split_at_the_merge_and_join_at_the_branch_point()
    {
        var text = new GraphRenderer(Map, new HashSet<string>()).Ascii(Map.Walk(), r => r.Id);
        Assert.Equal("* eee\n* ddd\n| \\\n* | bbb\n| * ccc\n| /\n* aaa\n", text);
    }
}
