using Retort.Graph;
using static Retort.Tests.Graph.GraphBuilder;

namespace Retort.Tests.Graph;

/// <summary>
/// Alembic's rules on small graphs: diamond, three-way merge, several roots, depends_on across branch labels, and
/// labels on lines with branch points. Every expected answer was produced by real Alembic 1.8.1's RevisionMap
/// (upgrade: reversed iterate_revisions(target, current, implicit_base); downgrade: iterate_revisions(current,
/// target, select_for_downgrade); history: iterate_revisions(end, start, inclusive)) on the same graphs.
/// </summary>
public class AlembicOrderTests
{
    private static readonly Dictionary<string, string[]> Graphs = new()
    {
        ["diamond"] = ["r", "a:r", "b:r", "m:a,b", "t:m"],
        ["three"] = ["r", "a1:r", "a2:a1", "b1:r", "c1:r", "c2:c1", "m:a2,b1,c2", "t:m"],
        ["roots"] = ["x1", "x2:x1", "y1", "y2:y1", "z1", "m:x2,y2", "t:m"],
        ["deps"] = ["k", "e1:k #expand", "e2:e1", "c1:k #contract ^e1", "c2:c1 ^e2", "e3:e2"],
        ["labels"] = ["r", "a1:r #abranch", "a2:a1", "b1:r #bbranch", "b2:b1", "b3:b1"],
        ["two"] = ["r", "a1:r #a", "b1:r #b"],
    };

    [Theory]
    [InlineData("diamond", "up", "", "heads", "r b a m t")]
    [InlineData("diamond", "down", "t", "base", "t m a b r")]
    [InlineData("diamond", "hist", "", ":", "t m a b r")]
    [InlineData("diamond", "up", "a", "heads", "b m t")]
    [InlineData("three", "up", "", "heads", "r c1 c2 b1 a1 a2 m t")]
    [InlineData("three", "down", "t", "base", "t m a2 a1 b1 c2 c1 r")]
    [InlineData("three", "hist", "", ":", "t m a2 a1 b1 c2 c1 r")]
    [InlineData("three", "down", "t", "r", "t m a2 a1 b1 c2 c1")]
    [InlineData("roots", "up", "", "heads", "y1 y2 x1 x2 m t z1")]
    [InlineData("roots", "down", "t", "base", "t m x2 x1 y2 y1")]
    [InlineData("roots", "up", "", "m", "y1 y2 x1 x2 m")]
    [InlineData("roots", "hist", "", ":", "z1 t m x2 x1 y2 y1")]
    [InlineData("deps", "up", "", "heads", "k e1 e2 e3 c1 c2")]
    [InlineData("deps", "down", "e3 c2", "base", "c2 c1 e3 e2 e1 k")]
    [InlineData("deps", "hist", "", ":", "c2 c1 e3 e2 e1 k")]
    [InlineData("deps", "up", "", "contract@head", "k e1 e2 c1 c2")]
    [InlineData("deps", "hist", "", "contract@base:heads", "c2 c1 e2 e1 k")]
    [InlineData("deps", "hist", "", "expand@base:heads", "e3 e2 e1 k")]
    [InlineData("deps", "down", "e3 c2", "expand@-1", "e3")]
    [InlineData("deps", "down", "e3 c2", "contract@-1", "c2")]
    [InlineData("deps", "down", "e2 c1", "expand@-1", "e2")]
    [InlineData("deps", "down", "e1 c1", "expand@-1", "c1 e1")]
    [InlineData("deps", "down", "e3 c2", "contract@e1", "c2 e3 e2")]
    [InlineData("deps", "up", "k", "expand@+2", "e1 e2")]
    [InlineData("deps", "up", "e2", "contract@+1", "c1")]
    [InlineData("labels", "up", "", "heads", "r b1 b3 b2 a1 a2")]
    [InlineData("labels", "down", "a2 b2 b3", "base", "a2 a1 b2 b3 b1 r")]
    [InlineData("labels", "hist", "", ":", "a2 a1 b2 b3 b1 r")]
    [InlineData("labels", "hist", "", "abranch@base:heads", "a2 a1 r")]
    [InlineData("labels", "down", "a2 b2 b3", "abranch@-1", "a2")]
    [InlineData("labels", "down", "a2 b2 b3", "abranch@r", "a2 a1")]
    [InlineData("labels", "down", "a2 b2 b3", "bbranch@r", "b2 b3 b1")]
    [InlineData("labels", "up", "r", "bbranch@+1", "b1")]
    [InlineData("labels", "up", "a2", "bbranch@+1", "b1")]
    [InlineData("labels", "up", "a2", "abranch@+1", "ERR Relative revision +1 didn't produce 1 migrations")]
    [InlineData("labels", "down", "a2 b2", "bbranch@base+1", "b2 b1")]
    [InlineData("labels", "hist", "", "-2:a2", "a2 a1 r")]
    [InlineData("labels", "hist", "", "a1:+1", "a2 a1")]
    [InlineData("labels", "hist", "", "-5:a2", "a2 a1 r")]
    [InlineData("labels", "hist", "", "abranch@-1:heads", "a2 a1")]
    [InlineData("labels", "hist", "", "base:abranch@+2", "a1 r")]
    [InlineData("labels", "hist", "", "a2:b2", "ERR Requested range a2:b2 does not refer to ancestor/descendant revisions along the same branch")]
    [InlineData("labels", "hist", "", "b1:b2", "b2 b1")]
    [InlineData("two", "down", "a1 b1", "a@-1", "a1")]
    [InlineData("two", "down", "a1 b1", "b@-1", "b1")]
    [InlineData("two", "up", "", "-1", "ERR Relative revision -1 didn't produce 1 migrations")]
    [InlineData("two", "up", "a1", "-2", "ERR Relative revision -2 didn't produce 2 migrations")]
    [InlineData("two", "up", "a1", "a@+1", "ERR Relative revision +1 didn't produce 1 migrations")]
    public void Plans_and_history_follow_Alembic(string graph, string op, string current, string target, string expected)
    {
        var map = Map(Graphs[graph]);
        var heads = current.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string Run()
        {
            switch (op)
            {
                case "up": return Ids(map.PlanUpgrade(heads, target));
                case "down": return Ids(map.PlanDowngrade(heads, target));
                default:
                    var colon = target.IndexOf(':');
                    var lower = target[..colon];
                    var upper = target[(colon + 1)..];
                    return string.Join(" ", map.Walk(upper.Length == 0 ? "heads" : upper, lower.Length == 0 ? "base" : lower).Select(r => r.Id));
            }
        }
        if (expected.StartsWith("ERR ", StringComparison.Ordinal))
            Assert.StartsWith(expected[4..], Assert.Throws<RevisionGraphException>(Run).Message); // Alembic's words, then where the database is
        else
            Assert.Equal(expected, Run());
    }

    [Fact]
    public void A_label_walk_down_leaves_the_other_branch_alone()
    {
        // Item 2: database at both heads; a@-1 reverts only a's head.
        var map = Map(Graphs["two"]);
        var heads = new HashSet<string> { "a1", "b1" };
        Assert.Equal("b1", Run(map, heads, map.PlanDowngrade(heads, "a@-1")));
    }

    [Theory]
    [InlineData("-1", "Relative revision -1 didn't produce 1 migrations: upgrade only goes up; 'retort downgrade -1' goes down.")]
    [InlineData("-2", "Relative revision -2 didn't produce 2 migrations: upgrade only goes up; 'retort downgrade -2' goes down.")]
    public void Upgrade_by_a_negative_step_is_an_error(string target, string message)
    {
        // Item 3 and item 8's last point: no silent no-op.
        var map = Map("a", "b:a", "c:b");
        Assert.Equal(message, Assert.Throws<RevisionGraphException>(() => map.PlanUpgrade(["c"], target)).Message);
    }

    [Fact]
    public void Overlapping_version_rows_are_named_and_refused()
    {
        // Item 4: a row and its descendant (here through a merge, and through depends_on).
        var map = Map(Graphs["deps"]);
        Assert.Null(map.Inconsistency(["e3", "c2"]));
        Assert.Equal("The version table is inconsistent: it holds both e1 and e3, but e1 is an ancestor of e3. Record the revisions the database is really at with 'retort stamp --purge REV...'.",
            map.Inconsistency(["e1", "e3"]));
        Assert.Contains("it holds both e2 and c2", map.Inconsistency(["c2", "e2"]));
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanUpgrade(["e1", "e3"], "heads"));
        Assert.Equal("Requested revision e3 overlaps with other requested revisions e1", e.Message);
    }

    [Fact]
    public void Downgrading_past_an_implied_dependency_keeps_only_the_tip()
    {
        // c2 depends on e1, which c1 already implies through its own depends_on (e2). Alembic's row update writes
        // [c1, e1], which its next upgrade refuses as overlapping; Retort writes [c1].
        var map = Map("k", "e1:k #expand", "e2:e1", "c1:k #contract ^e2", "c2:c1 ^e1");
        var heads = new HashSet<string> { "c2" };
        Assert.Equal("c1", Run(map, heads, map.PlanDowngrade(heads, "c1")));
        Assert.Null(map.Inconsistency(heads.ToList()));
    }

    [Fact]
    public void Stamping_a_revision_with_its_descendants_is_refused()
    {
        // Item 8: Alembic writes [a, e, f], a table its own next upgrade refuses; Retort refuses the stamp.
        var map = Map("a", "b:a", "e:b", "f:b");
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanStamp([], ["a", "e", "f"], purge: false));
        Assert.Equal("Cannot stamp both a and e: a is an ancestor of e, and the version table would be inconsistent. Stamp e alone.", e.Message);
        var steps = map.PlanStamp([], ["e", "f"], purge: false);
        Assert.Equal(["Running stamp_revision  -> e", "Running stamp_revision  -> f"], steps.Select(s => s.ToString()));
    }

    [Fact]
    public void Labels_name_the_whole_line_and_spread_to_it()
    {
        // Item 5: the label covers the labelled revision's ancestors too, up to a branch point; a prefix is
        // resolved within the branch.
        var map = Map("r", "a1:r #abranch", "a2:a1", "b1:r #bbranch", "b2:b1", "b3:b1", "abcd1:a2", "abcd2:b2");
        Assert.Equal("abcd1", map.Resolve("abranch@abcd").Single().Id);
        Assert.Equal("r", map.Resolve("abranch@r").Single().Id);
        Assert.Empty(map.LabelsOf("r"));
        Assert.Equal(["bbranch"], map.LabelsOf("b3"));
        var chain = Map("r", "s:r", "t:s #tb", "u:t");
        Assert.Equal(["tb"], chain.LabelsOf("r"));
    }
}

/// <summary>The short upward search Retort uses for Alembic's "another line leads through it" check gives the same
/// order as Alembic's kept ancestor sets, on the real graphs of tests/alembic-compare/graphs.</summary>
public class OrderingCheckTests
{
    [Theory]
    [InlineData("superset")]
    [InlineData("neutron")]
    [InlineData("warehouse")]
    [InlineData("dispatch")]
    public void Search_and_ancestor_sets_agree_on_real_graphs(string graph)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Retort.slnx"))) dir = dir.Parent;
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "tests", "alembic-compare", "graphs", graph + ".json")));
        string[] List(System.Text.Json.JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();
        var map = new RevisionMap(doc.RootElement.GetProperty("revisions").EnumerateArray()
            .Select(r => new Revision(r[1].GetString()!, List(r[2]), List(r[3]), List(r[4]), "")));
        var ids = map.All.Select(r => r.Id).ToList();
        var ranges = new List<(string, string)> { ("heads", "base") };
        for (var i = 0; i < ids.Count; i += 17) ranges.Add((ids[i], "base"));
        foreach (var (upper, lower) in ranges)
        {
            var (search, sets) = map.BothOrders(upper, lower);
            Assert.Equal(sets, search);
        }
    }
}
