using Retort.Configuration;
using Retort.Scripting;

namespace Retort.Tests.Scripting;

public class RevisionWriterTests
{
    [Theory]
    [InlineData("create phone number for user col", 40, "create_phone_number_for_user_col")]
    [InlineData("Add a much longer message that goes past the forty character limit", 40, "add_a_much_longer_message_that_goes_")]
    [InlineData("  What's up?! ", 40, "what_s_up")]
    [InlineData("", 40, "")]
    public void Slugs_follow_alembic(string message, int truncate, string expected) =>
        Assert.Equal(expected, RevisionWriter.Slug(message, truncate));

    [Theory]
    [InlineData("create phone number for user col", "CreatePhoneNumberForUserCol")]
    [InlineData("2nd try", "Revision_2ndTry")]
    [InlineData("!!!", "Revision_abc")]
    public void Class_names_are_pascal_case(string message, string expected) =>
        Assert.Equal(expected, RevisionWriter.ClassName(message, "abc"));

    [Fact]
    public void File_names_follow_the_template()
    {
        var config = new RetortConfig { FileTemplate = "{year}{month}{day}_{rev}_{slug}" };
        var name = RevisionWriter.FileName(config, "ae1027a6acf2", "create users", new DateTime(2026, 11, 23, 10, 0, 0));
        Assert.Equal("20261123_ae1027a6acf2_create_users.cs", name);
        Assert.Equal("ae1027a6acf2.cs", RevisionWriter.FileName(new RetortConfig(), "ae1027a6acf2", "", DateTime.Now));
    }

    [Fact]
    public void New_ids_are_twelve_hex_characters()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => RevisionWriter.NewId()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{12}$", id));
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public void Attribute_arguments_round_trip_through_the_header_reader()
    {
        var revision = new NewRevision("m1", "merge \"a\" and b\\c")
        {
            DownRevisions = ["a", "b"],
            BranchLabels = ["lbl"],
            DependsOn = ["d"],
        };
        var text = $"[Revision({RevisionWriter.AttributeArguments(revision)})]\nclass X {{}}";
        var read = RevisionHeaderReader.Read(text, "x.cs")!;
        Assert.Equal("m1", read.Id);
        Assert.Equal(["a", "b"], read.DownRevisions);
        Assert.Equal(["lbl"], read.BranchLabels);
        Assert.Equal(["d"], read.DependsOn);
        Assert.Equal("merge \"a\" and b\\c", read.Message);
    }
}
