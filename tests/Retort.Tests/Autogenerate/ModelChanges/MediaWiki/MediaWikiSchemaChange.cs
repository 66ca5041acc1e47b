using System.Text.Json;

namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// One of MediaWiki's abstract schema changes (tests/data/model-changes/mediawiki/json): one table before and after,
/// in MediaWiki's Doctrine-based abstract schema, and the patch SQL MediaWiki generated from it for each database
/// (null where MediaWiki has no generated patch for that database).
/// </summary>
public sealed record MediaWikiSchemaChange(string Name, MediaWikiTable Before, MediaWikiTable After)
{
    public static string DataDirectory
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new InvalidOperationException("no Retort.slnx above the test assembly"), "tests", "data", "model-changes", "mediawiki");
        }
    }

    public static IReadOnlyList<MediaWikiSchemaChange> All { get; } = Directory.GetFiles(Path.Combine(DataDirectory, "json"), "*.json")
        .Order(StringComparer.Ordinal).Select(Load).ToList();

    private static MediaWikiSchemaChange Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return new MediaWikiSchemaChange(Path.GetFileNameWithoutExtension(file),
            MediaWikiTable.From(doc.RootElement.GetProperty("before")), MediaWikiTable.From(doc.RootElement.GetProperty("after")));
    }

    /// <summary>MediaWiki's generated patch for the provider, as its installer runs it: no table prefix, no table options.</summary>
    public string? PatchSql(string provider)
    {
        var folder = provider switch { "postgresql" => "postgres", "mysql" => "mysql", _ => "sqlite" };
        var file = Path.Combine(DataDirectory, folder, Name + ".sql");
        return File.Exists(file) ? File.ReadAllText(file).Replace("/*_*/", "").Replace("/*$wgDBTableOptions*/", "") : null;
    }

    public override string ToString() => Name;
}

public sealed record MediaWikiColumn(string Name, string Type, JsonElement Options)
{
    /// <summary>An option, also where MediaWiki nests it in PlatformOptions (Doctrine merges those into the column).</summary>
    public bool Flag(string option) => Option(option) is { ValueKind: JsonValueKind.True };

    public JsonElement? Option(string option) =>
        Options.TryGetProperty(option, out var v) ? v
        : Options.TryGetProperty("PlatformOptions", out var p) && p.TryGetProperty(option, out var pv) ? pv
        : null;

    public IReadOnlyList<string> EnumValues => Option("enum_values") is { } values ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : [];

    public int? Length => Options.TryGetProperty("length", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    public JsonElement? Default => Options.TryGetProperty("default", out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public bool AllowInfinite => Options.TryGetProperty("CustomSchemaOptions", out var c) && c.TryGetProperty("allowInfinite", out var v) && v.ValueKind == JsonValueKind.True;
}

public sealed record MediaWikiIndex(string Name, IReadOnlyList<string> Columns, bool Unique, IReadOnlyList<int?> Lengths);

public sealed record MediaWikiTable(string Name, IReadOnlyList<MediaWikiColumn> Columns, IReadOnlyList<MediaWikiIndex> Indexes, IReadOnlyList<string> PrimaryKey)
{
    public static MediaWikiTable From(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("columns").EnumerateArray().Select(c => new MediaWikiColumn(c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!, c.GetProperty("options").Clone())).ToList(),
        e.GetProperty("indexes").EnumerateArray().Select(i => new MediaWikiIndex(
            i.GetProperty("name").GetString()!,
            i.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList(),
            i.TryGetProperty("unique", out var u) && u.ValueKind == JsonValueKind.True,
            i.TryGetProperty("options", out var o) && o.TryGetProperty("lengths", out var l)
                ? l.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetInt32() : (int?)null).ToList()
                : [])).ToList(),
        e.TryGetProperty("pk", out var pk) ? pk.EnumerateArray().Select(c => c.GetString()!).ToList() : []);
}
