using Retort.Tests.Adopt;
using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.MySql;

/// <summary>
/// The offline script of a revision that creates sakila whole (3 procedures, 3 functions, 3 triggers with
/// <c>BEGIN … END</c> bodies, 7 views), as <c>retort upgrade --sql base:head</c> prints it, run through the real
/// <c>mariadb --no-defaults</c> client: the catalog and mariadb-dump (routines and triggers included) are those of
/// the same revision applied online.
/// </summary>
public class MariaDbOfflineScriptTests
{
    [Fact]
    public async Task The_offline_script_through_the_mariadb_client_makes_the_online_catalog()
    {
        await using var source = await FidelityDatabase.CreateAsync("mysql");
        await using var online = await FidelityDatabase.CreateAsync("mysql");
        await using var offline = await FidelityDatabase.CreateAsync("mysql");
        await source.LoadAsync(SampleSchemas.File("mysql", "sakila"));
        using var project = await AdoptProject.CreateAsync(source.Url);
        await project.OkAsync("scaffold", "--form", "metadata");
        project.SetTargetModel("context.TargetModel = Model.DatabaseModel.MetaData;");

        PointAt(project, online.Url);
        await project.OkAsync("revision", "--autogenerate", "-m", "sakila");
        await project.OkAsync("upgrade", "head");
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);

        PointAt(project, offline.Url);
        var script = (await project.OkAsync("upgrade", "--sql", "base:head")).Stdout;
        Assert.Contains("DELIMITER $$", script);
        var file = Path.Combine(project.Path, "upgrade.sql");
        File.WriteAllText(file, script);
        await offline.LoadAsync(file);

        var expected = await online.SnapshotAsync();
        Assert.Equal(3, expected.Subjects("trigger").Count());
        Assert.Equal(6, expected.Subjects("routine").Count());
        CatalogAssert.Same(expected, await offline.SnapshotAsync(), "the online upgrade and the offline script through mariadb");
        var dump = SchemaDump.Compare(await SchemaDump.ReadAsync(online), await SchemaDump.ReadAsync(offline));
        Assert.True(dump.Count == 0, string.Join("\n", dump));
        // The script also recorded the revision: the offline database is at head, and check finds nothing there.
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);
    }

    private static void PointAt(AdoptProject project, string url)
    {
        var toml = Path.Combine(project.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ", StringComparison.Ordinal) ? $"url = \"{url}\"" : l));
    }
}
