using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Retort.Tests.Docs;

/// <summary>
/// Every ```csharp block of README.md and docs/*.md compiles against the Retort libraries, as a file of a new
/// project would: with the SDK's implicit usings only (those of `dotnet new web` when it uses WebApplication), so
/// a block that names Retort types must carry its own using lines. A block meant as a fragment says so in its first
/// line, `// fragment: where it goes`; it must still parse.
/// </summary>
public class CodeBlockTests
{
    private const string FragmentMarker = "// fragment:";

    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var file in MarkdownBlocks.DocumentFiles())
            foreach (var block in MarkdownBlocks.Read(file).Where(b => b.Language is "csharp" or "cs" or "c#"))
                data.Add($"{block.File}:{block.Line}");
        return data;
    }

    private static MarkdownBlock Find(string id)
    {
        var colon = id.LastIndexOf(':');
        return MarkdownBlocks.Read(id[..colon]).Single(b => b.Line == int.Parse(id[(colon + 1)..]));
    }

    [Fact]
    public void The_documents_have_csharp_blocks_to_check()
    {
        var ids = Blocks().Cast<object[]>().Select(row => (string)row[0]).ToList();
        Assert.Contains(ids, id => id.StartsWith("README.md:", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.StartsWith("docs/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_csharp_block_compiles(string id)
    {
        var block = Find(id);
        if (block.Text.StartsWith(FragmentMarker, StringComparison.Ordinal))
        {
            Assert.True(block.Text.Split('\n')[0].Length > FragmentMarker.Length + 3, $"{block}: say where the fragment goes after '{FragmentMarker}'");
            var parsed = CSharpSyntaxTree.ParseText(block.Text, new CSharpParseOptions(kind: SourceCodeKind.Script));
            Assert.Empty(parsed.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
            return;
        }
        var web = block.Text.Contains("WebApplication", StringComparison.Ordinal);
        var usings = string.Concat((web ? ConsoleUsings.Concat(WebUsings) : ConsoleUsings).Select(u => $"global using global::{u};\n"));
        var tree = CSharpSyntaxTree.ParseText(block.Text, path: block.File);
        var topLevel = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "DocBlock",
            [tree, CSharpSyntaxTree.ParseText(usings, path: "GlobalUsings.g.cs")],
            References(web),
            new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{block} does not compile:\n{string.Join('\n', errors)}\n---\n{block.Text}");
    }

    [Fact]
    public void A_block_that_does_not_compile_is_caught()
    {
        // The check itself: README's application snippet without its using lines fails as the issue reported (CS0246).
        var tree = CSharpSyntaxTree.ParseText("var config = new RetortConfig { Url = \"sqlite:///app.db\" };\n");
        var compilation = CSharpCompilation.Create("DocBlock", [tree], References(web: false), new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0246" && d.GetMessage().Contains("RetortConfig"));
    }

    /// <summary>The test's own assemblies (the .NET runtime, Retort, Retort.Hosting and their packages), plus
    /// ASP.NET Core's shared framework for web blocks; one assembly per name.</summary>
    private static List<MetadataReference> References(bool web)
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        if (web)
        {
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var aspnet = Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
            Assert.True(Directory.Exists(aspnet), $"ASP.NET Core shared framework not found at {aspnet}");
            paths.AddRange(Directory.GetFiles(aspnet, "*.dll"));
        }
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        return byName.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
