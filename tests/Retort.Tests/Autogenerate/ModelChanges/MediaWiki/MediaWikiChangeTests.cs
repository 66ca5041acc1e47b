using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// Issue 25's acceptance on real model changes: MediaWiki's own schema history (its abstract schema changes, each one
/// table before and after), checked against the DDL MediaWiki generates for the same change on each database. One
/// class per database, so xunit runs the three at once; its two databases serve every change.
/// </summary>
public abstract class MediaWikiChangeTests(string provider)
{
    [Fact]
    public async Task Every_MediaWiki_schema_change_is_detected_exactly_converges_and_matches_MediaWikis_own_DDL()
    {
        Assert.NotEmpty(MediaWikiSchemaChange.All);
        await using var retorted = await TestDatabase.CreateAsync(provider);
        await using var reference = await TestDatabase.CreateAsync(provider);
        var run = new MediaWikiChangeRun(provider, retorted, reference);
        var report = new List<string>();
        foreach (var change in MediaWikiSchemaChange.All)
            report.AddRange((await run.RunAsync(change)).Select(p => $"{change.Name}: {p}"));
        Assert.True(report.Count == 0, string.Join("\n", report));
    }
}

public sealed class MediaWikiChangeSqliteTests() : MediaWikiChangeTests("sqlite");

public sealed class MediaWikiChangePostgresTests() : MediaWikiChangeTests("postgresql");

public sealed class MediaWikiChangeMariaDbTests() : MediaWikiChangeTests("mysql");
