using Retort.Scripting;

namespace Retort.Tests.Scripting;

public class RevisionHeaderReaderTests
{
    [Fact]
    public void Reads_the_attribute_and_header_comment()
    {
        const string source = """
            // create phone number for user col
            //
            // Revision ID: ae1027a6acf2
            // Revises: 1975ea83b712
            // Create Date: 2026-11-23 10:00:00
            using Retort;

            [Revision("ae1027a6acf2", DownRevision = "1975ea83b712")]
            public sealed class CreatePhoneNumberForUserCol : Migration { }
            """;
        var rev = RevisionHeaderReader.Read(source, "v/ae10.cs")!;
        Assert.Equal("ae1027a6acf2", rev.Id);
        Assert.Equal(["1975ea83b712"], rev.DownRevisions);
        Assert.Equal("create phone number for user col", rev.Message);
        Assert.Equal("2026-11-23 10:00:00", rev.CreateDate);
        Assert.Equal("v/ae10.cs", rev.Path);
        Assert.Empty(rev.BranchLabels);
    }

    [Theory]
    [InlineData("""[Revision("m1", DownRevisions = new[] { "a", "b" }, BranchLabels = new string[] { "x" }, DependsOn = ["d1", "d2"], Message = "merge \"it\"")]""")]
    [InlineData(""""
        [Revision(
            "m1", // the id
            DownRevisions = new[] { "a", "b", },
            BranchLabels = ["x"],
            DependsOn = new[] {"d1","d2"},
            Message = @"merge ""it""")]
        """")]
    public void Reads_merges_labels_and_dependencies_in_any_layout(string attribute)
    {
        var rev = RevisionHeaderReader.Read("// header\n" + attribute + "\nclass M : Migration {}", "m.cs")!;
        Assert.Equal("m1", rev.Id);
        Assert.Equal(["a", "b"], rev.DownRevisions);
        Assert.Equal(["x"], rev.BranchLabels);
        Assert.Equal(["d1", "d2"], rev.DependsOn);
        Assert.Equal("merge \"it\"", rev.Message);
    }

    [Fact]
    public void A_base_revision_has_no_parents_and_commented_attributes_are_ignored()
    {
        var rev = RevisionHeaderReader.Read("// first\n// [Revision(\"old\")]\n[Revision(\"b1\", DownRevision = null)]\nclass B {}", "b.cs")!;
        Assert.Equal("b1", rev.Id);
        Assert.Empty(rev.DownRevisions);
    }

    [Fact]
    public void A_file_without_the_attribute_declares_nothing() =>
        Assert.Null(RevisionHeaderReader.Read("class Helper {}", "h.cs"));

    [Fact]
    public void A_non_literal_id_is_an_error_with_file_and_line()
    {
        var e = Assert.Throws<RetortException>(() => RevisionHeaderReader.Read("// x\n\n[Revision(Ids.First)]\nclass A {}", "v/a.cs"));
        Assert.Equal("v/a.cs(3): cannot read the Revision attribute: expected a string literal.", e.Message);
    }
}
