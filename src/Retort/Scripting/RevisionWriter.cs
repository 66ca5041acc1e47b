using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Retort.Configuration;

namespace Retort.Scripting;

/// <summary>What a new revision file says: its place in the graph, its message, and optional generated code.</summary>
public sealed record NewRevision(string Id, string Message)
{
    public IReadOnlyList<string> DownRevisions { get; init; } = [];
    public IReadOnlyList<string> BranchLabels { get; init; } = [];
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    /// <summary>For a squash: the revisions it replaces, oldest first.</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];
    /// <summary>Generated Upgrade/Downgrade bodies (autogenerate), already indented.</summary>
    public string? Upgrades { get; init; }
    public string? Downgrades { get; init; }
    /// <summary>Extra template variables from env.cs (<c>context.TemplateArgs</c>).</summary>
    public IReadOnlyDictionary<string, object?> TemplateArgs { get; init; } = new Dictionary<string, object?>();
}

/// <summary>Renders the environment's Liquid revision template and writes the new file atomically.</summary>
public static partial class RevisionWriter
{
    private static readonly FluidParser Parser = new();

    public static string NewId() => Guid.NewGuid().ToString("N")[^12..];

    public static string Slug(string message, int truncate)
    {
        var slug = string.Join("_", WordPattern().Matches(message).Select(m => m.Value)).ToLowerInvariant();
        if (slug.Length > truncate)
        {
            // Cut on a word boundary, as Alembic does, and mark the cut with a trailing underscore.
            var cut = slug[..truncate];
            var last = cut.LastIndexOf('_');
            slug = (last > 0 ? cut[..last] : cut) + "_";
        }
        return slug;
    }

    public static string ClassName(string message, string id)
    {
        var sb = new StringBuilder();
        foreach (Match m in WordPattern().Matches(message))
        {
            var w = m.Value;
            sb.Append(char.ToUpperInvariant(w[0])).Append(w.AsSpan(1));
        }
        var name = sb.ToString();
        if (name.Length == 0) return "Revision_" + id;
        return char.IsDigit(name[0]) ? "Revision_" + name : name;
    }

    public static string FileName(RetortConfig config, string id, string message, DateTime now)
    {
        var name = config.FileTemplate
            .Replace("{rev}", id).Replace("{slug}", Slug(message, config.TruncateSlugLength))
            .Replace("{year}", now.ToString("yyyy", CultureInfo.InvariantCulture))
            .Replace("{month}", now.ToString("MM", CultureInfo.InvariantCulture))
            .Replace("{day}", now.ToString("dd", CultureInfo.InvariantCulture))
            .Replace("{hour}", now.ToString("HH", CultureInfo.InvariantCulture))
            .Replace("{minute}", now.ToString("mm", CultureInfo.InvariantCulture))
            .Replace("{second}", now.ToString("ss", CultureInfo.InvariantCulture))
            .Replace("{epoch}", new DateTimeOffset(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return name.TrimEnd('_') + ".cs";
    }

    /// <summary>Writes the revision into <paramref name="directory"/>; returns the file's path.</summary>
    public static string Write(ScriptDirectory scripts, NewRevision revision, string directory, IEnumerable<string>? databases = null)
    {
        var config = scripts.Config;
        var (now, createDate) = Now(config.Timezone);
        var file = Path.Combine(directory, FileName(config, revision.Id, revision.Message, now));
        if (File.Exists(file)) throw new RetortException($"{ScriptDirectory.RelativePath(file)} already exists.");
        if (!File.Exists(scripts.TemplateFile))
            throw new RetortException($"No revision template at {ScriptDirectory.RelativePath(scripts.TemplateFile)}: restore it from 'retort init' (template generic).");
        var templateText = File.ReadAllText(scripts.TemplateFile);
        if (!Parser.TryParse(templateText, out var template, out var error))
            throw new RetortException($"{ScriptDirectory.RelativePath(scripts.TemplateFile)}: {error}");

        var className = ClassName(revision.Message, revision.Id);
        var slug = Slug(revision.Message, config.TruncateSlugLength);
        if (Directory.EnumerateFiles(directory, "*_" + slug + ".cs").Any())
            className += "_" + revision.Id; // another revision has the same message: keep class names unique

        var context = new TemplateContext(new TemplateOptions());
        context.SetValue("message", CommentText.Join(revision.Message, "\n// "));
        context.SetValue("up_revision", revision.Id);
        context.SetValue("down_revision_text", string.Join(", ", revision.DownRevisions));
        context.SetValue("down_revisions", revision.DownRevisions.ToArray());
        context.SetValue("branch_labels", revision.BranchLabels.ToArray());
        context.SetValue("depends_on", revision.DependsOn.ToArray());
        context.SetValue("create_date", createDate);
        context.SetValue("class_name", className);
        context.SetValue("revision_arguments", AttributeArguments(revision));
        context.SetValue("upgrades", revision.Upgrades ?? "");
        context.SetValue("downgrades", revision.Downgrades ?? "");
        context.SetValue("databases", (databases ?? ["default"]).ToArray());
        foreach (var (name, value) in revision.TemplateArgs)
        {
            if (context.ValueNames.Contains(name))
                throw new RetortException($"context.TemplateArgs[\"{name}\"] has the name of one of the template's own variables; choose another name.");
            context.SetValue(name, value);
        }
        var text = template.Render(context, NullEncoder.Default);

        Directory.CreateDirectory(directory);
        var temp = file + ".tmp";
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception) { /* nothing more to undo */ }
            throw new RetortException($"Cannot write {ScriptDirectory.RelativePath(file)}: {e.Message}");
        }
        return file;
    }

    /// <summary>The attribute's arguments as C#: <c>"ae10", DownRevision = "1975"</c>.</summary>
    public static string AttributeArguments(NewRevision r)
    {
        var sb = new StringBuilder(Literal(r.Id));
        if (r.DownRevisions.Count == 1) sb.Append(", DownRevision = ").Append(Literal(r.DownRevisions[0]));
        else if (r.DownRevisions.Count > 1) sb.Append(", DownRevisions = ").Append(Array(r.DownRevisions));
        if (r.BranchLabels.Count > 0) sb.Append(", BranchLabels = ").Append(Array(r.BranchLabels));
        if (r.DependsOn.Count > 0) sb.Append(", DependsOn = ").Append(Array(r.DependsOn));
        sb.Append(", Message = ").Append(Literal(r.Message));
        if (r.Replaces.Count > 0) sb.Append(", Replaces = ").Append(Array(r.Replaces));
        return sb.ToString();
    }

    private static string Array(IReadOnlyList<string> items) => "new[] { " + string.Join(", ", items.Select(Literal)) + " }";

    /// <summary>A C# string literal; every control or line-break character escaped (U+2028 in a literal is CS1010).</summary>
    public static string Literal(string s)
    {
        var sb = new StringBuilder("\"", s.Length + 2);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || CommentText.IsLineBreak(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }

    private static (DateTime Local, string Text) Now(string? timezone)
    {
        var utc = DateTime.UtcNow;
        if (timezone is null)
        {
            var local = utc.ToLocalTime();
            return (local, local.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        }
        TimeZoneInfo zone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(timezone); }
        catch (TimeZoneNotFoundException) { throw new RetortException($"Unknown timezone '{timezone}' in retort.toml."); }
        var there = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var offset = zone.GetUtcOffset(utc);
        return (there, there.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex WordPattern();
}
