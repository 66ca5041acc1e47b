using Microsoft.Data.Sqlite;
using Retort.Commands;
using Retort.Configuration;
using Retort.Tests.Cli;

namespace Retort.Tests.Commands.AppRevisions
{
    // Revisions compiled into the "application" (this test assembly), as an app would ship them.
    [Revision("app000000001", Message = "create notes")]
    public sealed class CreateNotes : Migration
    {
        public override void Upgrade(Operations op) =>
            op.CreateTable("notes", new Column("id", SqlType.Integer()) { PrimaryKey = true }, new Column("body", SqlType.Text()));

        public override void Downgrade(Operations op) => op.DropTable("notes");
    }

    [Revision("app000000002", DownRevision = "app000000001", Message = "add notes title")]
    public sealed class AddNotesTitle : Migration
    {
        public override void Upgrade(Operations op) => op.AddColumn("notes", new Column("title", SqlType.String(100)));

        public override void Downgrade(Operations op) => op.DropColumn("notes", "title");
    }
}

namespace Retort.Tests.Commands
{
    public class LibraryModeTests
    {
        [Fact]
        public async Task An_app_upgrades_with_its_own_compiled_revisions_and_no_files()
        {
            using var dir = new TempDir();
            var config = new RetortConfig
            {
                BaseDirectory = dir.Path,
                Url = "sqlite:///app.db",
                RevisionAssembly = typeof(AppRevisions.CreateNotes).Assembly,
            };
            var output = new StringWriter();
            var commands = new RetortCommands(config, output);
            await commands.UpgradeAsync("head");

            Assert.Equal(["app000000002"], await commands.CurrentAsync());
            using (var c = new SqliteConnection($"Data Source={dir["app.db"]};Pooling=False"))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT group_concat(name, ',') FROM pragma_table_info('notes')";
                Assert.Equal("id,body,title", cmd.ExecuteScalar());
            }

            await commands.DowngradeAsync("base");
            Assert.Empty(await commands.CurrentAsync());
            Assert.False(Directory.Exists(dir["migrations"]));
        }
    }
}
