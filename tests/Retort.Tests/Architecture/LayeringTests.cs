using System.Text.RegularExpressions;

namespace Retort.Tests.Architecture;

/// <summary>
/// The layering rule of src/Retort (docs/architecture.md): each top-level folder may use only the folders below
/// it. Read from the source: <c>using Retort.X</c> and <c>Retort.X.</c> references, plus the types a folder declares
/// in the root namespace <c>Retort</c> (Column, Operations, MigrationEnvironment …) used by name elsewhere.
/// </summary>
public partial class LayeringTests
{
    /// <summary>Folder → the folders it may use. "Core" is the files directly in src/Retort.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["Graph"] = ["Core"],
        ["Ops"] = ["Core"],
        ["Schema"] = ["Core", "Ops"],
        ["Dialects"] = ["Core", "Ops", "Schema"],
        ["Configuration"] = ["Core", "Ops", "Schema", "Dialects"],
        ["Scripting"] = ["Core", "Graph", "Ops", "Configuration"],
        ["Runtime"] = ["Core", "Graph", "Ops", "Schema", "Dialects", "Configuration", "Scripting"],
        ["Autogenerate"] = ["Core", "Ops", "Schema", "Dialects", "Configuration", "Scripting"],
        ["Lint"] = ["Core", "Graph", "Ops", "Schema", "Dialects", "Configuration", "Scripting"],
        ["Hooks"] = ["Core", "Configuration"],
        ["Commands"] = ["Core", "Graph", "Ops", "Schema", "Dialects", "Configuration", "Scripting", "Runtime", "Autogenerate", "Lint", "Hooks"],
        ["Fleet"] = ["Core", "Graph", "Ops", "Schema", "Dialects", "Configuration", "Scripting", "Runtime", "Autogenerate", "Commands"],
        ["Bundles"] = ["Core", "Graph", "Ops", "Configuration", "Scripting", "Runtime"],
    };

    private static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "..", "src", "Retort"));

    private static IEnumerable<(string Folder, string File, string Code)> Sources()
    {
        var root = SourceRoot();
        foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/") || relative.StartsWith("bin/") || relative.StartsWith("Templates/")) continue;
            var folder = relative.Contains('/') ? relative[..relative.IndexOf('/')] : "Core";
            yield return (folder, relative, StripCommentsAndStrings(File.ReadAllText(file)));
        }
    }

    /// <summary>Every reference from one folder to another, with the file and what it names.</summary>
    private static List<(string From, string To, string File, string What)> References()
    {
        var sources = Sources().ToList();
        // Types declared in the root namespace, by the folder that declares them.
        var rootTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, _, code) in sources.Where(s => RootNamespace().IsMatch(s.Code)))
            foreach (Match m in TypeDeclaration().Matches(code))
                rootTypes.TryAdd(m.Groups[1].Value, folder);
        var refs = new List<(string, string, string, string)>();
        foreach (var (folder, file, code) in sources)
        {
            foreach (Match m in NamespaceReference().Matches(code))
            {
                var target = m.Groups[1].Value;
                if (target != folder && Allowed.ContainsKey(target)) refs.Add((folder, target, file, "Retort." + target));
            }
            // Inside namespace Retort.X, "Dialects.Naming" names Retort.Dialects without the prefix.
            foreach (Match m in RelativeNamespaceReference().Matches(code))
            {
                var target = m.Groups[1].Value;
                if (target != folder && Allowed.ContainsKey(target)) refs.Add((folder, target, file, m.Value));
            }
            foreach (Match m in Word().Matches(code))
                if (rootTypes.TryGetValue(m.Value, out var target) && target != folder) refs.Add((folder, target, file, m.Value));
        }
        return refs;
    }

    [Fact]
    public void Every_folder_uses_only_the_folders_below_it()
    {
        var refs = References();
        Assert.NotEmpty(refs);
        var folders = Sources().Select(s => s.Folder).Distinct().ToList();
        Assert.DoesNotContain(folders, f => !Allowed.ContainsKey(f));
        var bad = refs.Where(r => !Allowed[r.From].Contains(r.To))
            .Select(r => $"{r.File}: {r.From} -> {r.To} ({r.What})").Distinct().ToList();
        Assert.True(bad.Count == 0, "Layering broken:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void The_allowed_graph_has_no_cycle()
    {
        // Depth-first search for a back edge.
        var state = new Dictionary<string, int>();
        bool Cycle(string node)
        {
            state[node] = 1;
            foreach (var next in Allowed[node])
                if (state.GetValueOrDefault(next) == 1 || (state.GetValueOrDefault(next) == 0 && Cycle(next))) return true;
            state[node] = 2;
            return false;
        }
        Assert.DoesNotContain(Allowed.Keys, k => state.GetValueOrDefault(k) == 0 && Cycle(k));
    }

    [Fact]
    public void The_check_sees_a_cycle_when_there_is_one()
    {
        // The detector itself: a reference from Dialects up to Runtime would be reported.
        Assert.DoesNotContain("Runtime", Allowed["Dialects"]);
        Assert.Matches(NamespaceReference(), StripCommentsAndStrings("using Retort.Runtime; // Retort.Commands\nvar s = \"Retort.Graph\";"));
        Assert.Single(NamespaceReference().Matches(StripCommentsAndStrings("using Retort.Runtime; // Retort.Commands\nvar s = \"Retort.Graph\";")));
        Assert.Equal(["Dialects"], RelativeNamespaceReference().Matches("var n = Dialects.Naming.Check(t, 1); var s = o.Schema.Length;").Select(m => m.Groups[1].Value));
    }

    /// <summary>No database's name is tested anywhere but in its provider's folder (src/Retort, the CLI and hosting).</summary>
    [Fact]
    public void No_code_outside_a_provider_folder_names_a_database()
    {
        var src = Path.GetDirectoryName(SourceRoot())!;
        var providerFolders = new[] { "Retort/Dialects/Sqlite/", "Retort/Dialects/Postgres/", "Retort/Dialects/MySql/", "Retort/Dialects/SqlServer/" };
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Contains("/obj/") || relative.Contains("/bin/") || relative.Contains("/Templates/") || providerFolders.Any(relative.StartsWith)) continue;
            var code = StripComments(File.ReadAllText(file));
            foreach (Match m in DatabaseName().Matches(code)) offenders.Add($"{relative}: {m.Value}");
        }
        Assert.True(offenders.Count == 0, "Database names outside their providers:\n" + string.Join("\n", offenders));
    }

    private static string StripComments(string code) => Comment().Replace(code, " ");

    private static string StripCommentsAndStrings(string code) => StringLiteral().Replace(StripComments(code), "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@""(?:[^""]|"""")*""|\$?""""""[\s\S]*?""""""|\$?@?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\bRetort\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex NamespaceReference();

    [GeneratedRegex(@"(?<![\w.])([A-Z][A-Za-z]*)\.[A-Z]\w*")]
    private static partial Regex RelativeNamespaceReference();

    [GeneratedRegex(@"^\s*namespace\s+Retort\s*;", RegexOptions.Multiline)]
    private static partial Regex RootNamespace();

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"""(?:sqlite|postgresql|postgres|pg|mysql|mariadb|mssql|sqlserver)""", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseName();
}
