using Retort.Graph;
using static Retort.Tests.Graph.GraphBuilder;

namespace Retort.Tests.Graph;

public class RevisionMapTests
{
    // r0 -> b1 -> b2 -> mm -> d1 ;  r0 -> c1 -> mm
    private static RevisionMap BranchMerge() => Map("r0", "b1:r0", "c1:r0", "b2:b1", "mm:b2,c1", "d1:mm");

    [Fact]
    public void Heads_bases_branch_and_merge_points()
    {
        var map = BranchMerge();
        Assert.Equal(["d1"], map.Heads.Select(h => h.Id));
        Assert.Equal(["r0"], map.Bases.Select(b => b.Id));
        Assert.True(map.IsBranchPoint("r0"));
        Assert.True(map.Find("mm")!.IsMergePoint);
        Assert.Equal(["b1", "c1"], map.Children("r0").Select(c => c.Id));
        var twoHeads = Map("a", "b:a", "c:a");
        Assert.Equal(["b", "c"], twoHeads.Heads.Select(h => h.Id));
    }

    [Fact]
    public void Depends_on_does_not_make_a_revision_a_non_head()
    {
        var map = Map("a", "x", "b:a ^x");
        Assert.Equal(["x", "b"], map.Heads.Select(h => h.Id));
    }

    [Theory]
    [InlineData("head", "a3")]
    [InlineData("heads", "a3")]
    [InlineData("base", "")]
    [InlineData("a2", "a2")]
    [InlineData("head-1", "a2")]
    [InlineData("head-2", "a1")]
    [InlineData("base+1", "a1")]
    [InlineData("base+3", "a3")]
    [InlineData("a1+2", "a3")]
    [InlineData("a3-2", "a1")]
    [InlineData("a3-3", "")]
    public void Absolute_and_anchored_relative_targets(string target, string expected)
    {
        var map = Map("a1", "a2:a1", "a3:a2");
        Assert.Equal(expected, string.Join(" ", map.Resolve(target).Select(r => r.Id)));
    }

    [Fact]
    public void Unique_prefixes_resolve_and_ambiguous_ones_list_the_candidates()
    {
        var map = Map("ae1027a6acf2", "ae99aa000001:ae1027a6acf2", "1975ea83b712:ae99aa000001");
        Assert.Equal("ae1027a6acf2", map.Resolve("ae10").Single().Id);
        Assert.Equal("1975ea83b712", map.Resolve("1").Single().Id);
        var e = Assert.Throws<RevisionGraphException>(() => map.Resolve("ae"));
        Assert.Equal("Multiple revisions start with 'ae': ae1027a6acf2, ae99aa000001", e.Message);
    }

    [Theory]
    [InlineData("zzz", "Can't locate revision identified by 'zzz'")]
    [InlineData("head", "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")]
    [InlineData("a+1", "Relative revision 'a+1' is ambiguous at a: it branches into b, c; name a branch (<branch>@a+1) or a revision.")]
    [InlineData("b+1", "Relative revision +1 didn't produce 1 migrations")]
    [InlineData("b-3", "Relative revision -3 didn't produce 3 migrations")]
    [InlineData("nope@head", "No such branch: 'nope'")]
    public void Bad_targets_are_precise_errors(string target, string message)
    {
        var map = Map("a", "b:a", "c:a");
        var e = Assert.Throws<RevisionGraphException>(() => map.Resolve(target));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Labels_name_their_branch_line()
    {
        var map = Map("r0 #main", "r1:r0", "n0 #net", "n1:n0", "n2:n1");
        Assert.Equal("n2", map.Resolve("net@head").Single().Id);
        Assert.Equal("r1", map.Resolve("main@head").Single().Id);
        Assert.Equal("n0", map.Resolve("net").Single().Id);
        Assert.Equal("n1", map.Resolve("net@n1").Single().Id);
        Assert.Equal("n1", map.Resolve("net@head-1").Single().Id);
        Assert.Empty(map.Resolve("net@base"));
        Assert.Equal(["n2", "r1"], map.Resolve("heads").Select(h => h.Id).Order());
        var e = Assert.Throws<RevisionGraphException>(() => map.Resolve("net@r1"));
        Assert.Equal("Revision r1 is not a member of branch 'net'", e.Message);
    }

    [Theory]
    [InlineData(new[] { "a", "a" }, "Duplicate revision id a in a (versions/a.cs) and a (versions/a.cs).")]
    [InlineData(new[] { "a", "b:zz" }, "Revision b (versions/b.cs) names down revision 'zz' which does not exist.")]
    [InlineData(new[] { "a:a" }, "Revision a (versions/a.cs) names itself as its down revision.")]
    [InlineData(new[] { "a:c", "b:a", "c:b" }, "Cycle in the revision graph: a -> c -> b -> a (files: versions/a.cs, versions/c.cs, versions/b.cs).")]
    [InlineData(new[] { "a #x", "b:a #x" }, "Branch label 'x' is used by both a (versions/a.cs) and b (versions/b.cs).")]
    [InlineData(new[] { "a", "b:a #a" }, "Branch label 'a' of b (versions/b.cs) is also a revision id.")]
    [InlineData(new[] { "a", "b:a ^q" }, "Revision b (versions/b.cs) depends on 'q' which does not exist.")]
    [InlineData(new[] { "a-1" }, "Revision id 'a-1' in versions/a-1.cs contains one of @ - + : which are not allowed in ids.")]
    [InlineData(new[] { "a ^b", "b:a" }, "Cycle in the revision graph: a -> b -> a (files: versions/a.cs, versions/b.cs).")]
    public void Invalid_graphs_name_revisions_and_files(string[] specs, string message)
    {
        var e = Assert.Throws<RevisionGraphException>(() => Map(specs));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Upgrade_runs_each_branch_in_one_stretch_and_merges_rows()
    {
        var map = BranchMerge();
        var heads = new HashSet<string>();
        var plan = map.PlanUpgrade(heads, "heads");
        // Matches Alembic 1.8.1 (tests/alembic-compare): the c1 line runs before the b line.
        Assert.Equal("r0 c1 b1 b2 mm d1", Ids(plan));
        var changes = plan.Select(s => map.ApplyStep(heads, s)).ToList();
        Assert.Equal(
        [
            "InsertVersion { Id = r0 }", "UpdateVersion { From = r0, To = c1 }", "InsertVersion { Id = b1 }",
            "UpdateVersion { From = b1, To = b2 }", "DeleteVersion { Id = b2 }", "UpdateVersion { From = c1, To = mm }",
            "UpdateVersion { From = mm, To = d1 }",
        ], changes.SelectMany(c => c).Select(c => c.ToString()));
        Assert.Equal(["d1"], heads);
    }

    [Fact]
    public void Downgrading_a_merge_point_restores_both_parents()
    {
        var map = BranchMerge();
        var heads = new HashSet<string> { "d1" };
        var plan = map.PlanDowngrade(heads, "b2");
        Assert.Equal("d1 mm", Ids(plan));
        Assert.Equal("b2 c1", Run(map, heads, plan));
        var down = map.PlanDowngrade(heads, "r0");
        Assert.Equal("r0", Run(map, heads, down));
        Assert.Equal("", Run(map, heads, map.PlanDowngrade(heads, "base")));
    }

    [Fact]
    public void Relative_steps_from_the_current_heads()
    {
        var map = Map("a1", "a2:a1", "a3:a2", "a4:a3");
        Assert.Equal("a1 a2", Ids(map.PlanUpgrade([], "+2")));
        Assert.Equal("a3", Ids(map.PlanUpgrade(["a2"], "+1")));
        Assert.Equal("a4 a3", Ids(map.PlanDowngrade(["a4"], "-2")));
        Assert.Equal("a1", Ids(map.PlanDowngrade(["a1"], "-1")));
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanDowngrade(["a1"], "-2"));
        Assert.Equal("Relative revision -2 didn't produce 2 migrations: the database is at a1, and 1 revision(s) lie below it; use -1 or base.", e.Message);
        e = Assert.Throws<RevisionGraphException>(() => map.PlanUpgrade(["a3"], "+2"));
        Assert.Equal("Relative revision +2 didn't produce 2 migrations: the database is at a3, and 1 revision(s) lie above it; use +1 or head.", e.Message);
    }

    [Fact]
    public void Relative_steps_with_several_heads_need_a_branch()
    {
        var map = Map("r0 #main", "r1:r0", "n0 #net", "n1:n0");
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanDowngrade(["r1", "n1"], "-1"));
        Assert.Equal("Relative revision '-1' is ambiguous: the database is at several heads (r1, n1); use <branch>@-1.", e.Message);
        var heads = new HashSet<string> { "r1", "n1" };
        Assert.Equal("n0 r1", Run(map, heads, map.PlanDowngrade(heads, "net@-1")));
        Assert.Equal("n1", Ids(map.PlanUpgrade(heads, "net@+1")));
    }

    [Fact]
    public void Upgrading_one_branch_leaves_the_other_alone()
    {
        var map = Map("r0 #main", "r1:r0", "n0 #net", "n1:n0", "n2:n1");
        var heads = new HashSet<string>();
        Assert.Equal("n0 n1 n2", Ids(map.PlanUpgrade(heads, "net@head")));
        Assert.Equal("n2", Run(map, heads, map.PlanUpgrade(heads, "net@head")));
        Assert.Equal("n2 r1", Run(map, heads, map.PlanUpgrade(heads, "main@head")));
        Assert.Equal("r1", Run(map, heads, map.PlanDowngrade(heads, "net@base")));
    }

    [Fact]
    public void Depends_on_pulls_in_the_dependency_first_and_downgrades_dependents_first()
    {
        var map = Map("r0 #main", "r1:r0", "n0 #net", "n1:n0 ^r1", "n2:n1");
        var heads = new HashSet<string>();
        var up = map.PlanUpgrade(heads, "net@head");
        Assert.Equal("r0 r1 n0 n1 n2", Ids(up)); // matches Alembic 1.8.1 (tests/alembic-compare)
        Assert.Equal("n2", Run(map, heads, up));
        var down = map.PlanDowngrade(heads, "r0");
        Assert.Equal("n2 n1 r1", Ids(down));
        Assert.Equal("n0 r0", Run(map, heads, down));
    }

    [Fact]
    public void Downgrade_to_a_revision_not_below_the_database_is_an_error()
    {
        var map = Map("a1", "a2:a1", "a3:a2");
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanDowngrade(["a1"], "a3"));
        Assert.Equal("Destination a3 is not a valid downgrade target from current head(s) (a1).", e.Message);
        Assert.Empty(map.PlanUpgrade(["a3"], "a2"));
    }

    [Fact]
    public void Stamp_inserts_updates_merges_and_deletes_rows()
    {
        var map = BranchMerge();
        Assert.Equal(["Running stamp_revision  -> b2", "Running stamp_revision  -> c1"],
            map.PlanStamp([], ["b2", "c1"], purge: false).Select(s => s.ToString()));
        var merge = map.PlanStamp(["b2", "c1"], ["d1"], purge: false).Single();
        Assert.Equal("Running stamp_revision b2, c1 -> d1", merge.ToString());
        Assert.Equal(["DeleteVersion { Id = b2 }", "UpdateVersion { From = c1, To = d1 }"], merge.Changes.Select(c => c.ToString()));
        var down = map.PlanStamp(["d1"], ["b1"], purge: false).Single();
        Assert.Equal(["UpdateVersion { From = d1, To = b1 }"], down.Changes.Select(c => c.ToString()));
        var toBase = map.PlanStamp(["b2", "c1"], ["base"], purge: false);
        Assert.Equal(["DeleteVersion { Id = b2 }", "DeleteVersion { Id = c1 }"], toBase.SelectMany(s => s.Changes).Select(c => c.ToString()));
        var labelled = Map("r0 #main", "r1:r0", "n0 #net", "n1:n0");
        Assert.Equal(["DeleteVersion { Id = n1 }"], labelled.PlanStamp(["r1", "n1"], ["net@base"], purge: false).SelectMany(s => s.Changes).Select(c => c.ToString()));
        var purged = map.PlanStamp(["zzz-unknown"], ["d1"], purge: true);
        Assert.Equal(["InsertVersion { Id = d1 }"], purged.SelectMany(s => s.Changes).Select(c => c.ToString()));
    }

    [Fact]
    public void History_walks_newest_first_within_a_range()
    {
        var map = BranchMerge();
        Assert.Equal("d1 mm b2 b1 c1 r0", string.Join(" ", map.Walk().Select(r => r.Id)));
        Assert.Equal("b2 b1", string.Join(" ", map.Walk("b2", "b1").Select(r => r.Id)));
        Assert.Equal("d1 mm b2", string.Join(" ", map.Walk("heads", "b2").Select(r => r.Id)));
    }

    [Fact]
    public void A_5000_revision_chain_plans_and_walks_in_order()
    {
        var map = Linear(5000);
        var plan = map.PlanUpgrade([], "head");
        Assert.Equal(5000, plan.Count);
        Assert.Equal("r00001", plan[0].Revision.Id);
        Assert.Equal("r05000", plan[^1].Revision.Id);
        var heads = new HashSet<string>();
        Assert.Equal("r05000", Run(map, heads, plan));
        Assert.Equal(5000, map.Walk().Count);
        Assert.Equal("r04998", map.Resolve("head-2").Single().Id);
        Assert.Equal(4990, map.PlanDowngrade(["r05000"], "r00010").Count);
    }

    [Fact]
    public void Many_heads_upgrade_to_heads_in_load_order()
    {
        var specs = new List<string> { "root" };
        for (var b = 0; b < 20; b++) { specs.Add($"x{b:D2}a:root"); specs.Add($"x{b:D2}b:x{b:D2}a"); }
        var map = Map(specs.ToArray());
        Assert.Equal(20, map.Heads.Count);
        var heads = new HashSet<string>();
        var plan = map.PlanUpgrade(heads, "heads");
        Assert.Equal(41, plan.Count);
        Assert.Equal("root", plan[0].Revision.Id);
        Assert.Equal(string.Join(" ", Enumerable.Range(0, 20).Select(b => $"x{b:D2}b")), Run(map, heads, plan));
        // Each branch line runs in one stretch: every 'a' is followed directly by its 'b'.
        for (var i = 1; i < plan.Count; i += 2) Assert.Equal(plan[i].Revision.Id[..3] + "b", plan[i + 1].Revision.Id);
        var e = Assert.Throws<RevisionGraphException>(() => map.PlanUpgrade([], "head"));
        Assert.StartsWith("Multiple head revisions are present for given argument 'head'", e.Message);
    }
}
