namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// What <c>retort check</c> must list for a MediaWiki change on one database, read from the JSON's before and after:
/// each column added, removed, or changed in its declared type (as MediaWiki declares it there: an unsigned change is
/// no change on PostgreSQL), nullability, default or autoincrement; each index added, removed or changed; the key.
/// </summary>
public static class MediaWikiDiff
{
    public static IReadOnlyList<string> Expected(MediaWikiSchemaChange change, string provider)
    {
        var (a, b) = (change.Before, change.After);
        var t = b.Name;
        var lines = new List<string>();
        foreach (var c in b.Columns.Where(c => a.Columns.All(x => x.Name != c.Name))) lines.Add($"add column {t}.{c.Name}");
        foreach (var c in a.Columns.Where(c => b.Columns.All(x => x.Name != c.Name))) lines.Add($"remove column {t}.{c.Name}");
        foreach (var after in b.Columns)
        {
            if (a.Columns.FirstOrDefault(x => x.Name == after.Name) is not { } before) continue;
            var (ma, mb) = (Column(a, before, provider), Column(b, after, provider));
            if (!Equals(ma.Type, mb.Type)) lines.Add($"modify type {t}.{after.Name}");
            if (ma.Nullable != mb.Nullable) lines.Add($"modify nullable {t}.{after.Name}");
            if (ma.ServerDefault != mb.ServerDefault) lines.Add($"modify default {t}.{after.Name}");
            if (ma.Autoincrement != mb.Autoincrement) lines.Add($"modify key generation {t}.{after.Name}");
        }
        foreach (var i in b.Indexes)
        {
            var old = a.Indexes.FirstOrDefault(x => x.Name == i.Name);
            if (old is not null && SameIndex(old, i, provider)) continue;
            if (old is not null) lines.Add($"remove index {i.Name} on {t} (changed)");
            lines.Add($"add index {i.Name} on {t}");
        }
        foreach (var i in a.Indexes.Where(i => b.Indexes.All(x => x.Name != i.Name))) lines.Add($"remove index {i.Name} on {t}");
        if (!a.PrimaryKey.SequenceEqual(b.PrimaryKey))
        {
            lines.Add($"remove primary key … on {t} (changed)");
            lines.Add($"add primary key … on {t}");
        }
        return lines;
    }

    private static Column Column(MediaWikiTable table, MediaWikiColumn c, string provider)
    {
        var model = new Retort.Schema.MetaData();
        MediaWikiModel.AddTo(model, table with { Indexes = [] }, provider);
        return model.Tables[0].Columns.Single(x => x.Name == c.Name);
    }

    // Doctrine writes index prefix lengths on MySQL only.
    private static bool SameIndex(MediaWikiIndex a, MediaWikiIndex b, string provider) =>
        a.Unique == b.Unique && a.Columns.SequenceEqual(b.Columns) && (provider != "mysql" || a.Lengths.SequenceEqual(b.Lengths));
}
