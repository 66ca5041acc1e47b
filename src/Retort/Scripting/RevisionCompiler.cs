using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Retort.Scripting;

/// <summary>
/// Compiles revision files (and the env file) with Roslyn. Files are split into a fixed number of buckets by name;
/// each bucket is one assembly cached on disk by the hash of its files' content and the Retort version, so adding
/// a revision recompiles one small bucket rather than the whole history.
/// </summary>
public static class RevisionCompiler
{
    public const string CacheFolderName = ".retort-cache";
    private const int BucketCount = 16;

    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);

    /// <summary>Compiles (or loads from cache) the given files; throws <see cref="CompilationFailedException"/> on errors.</summary>
    public static IReadOnlyList<Assembly> CompileAll(IReadOnlyList<string> revisionFiles, IReadOnlyList<string> envFiles, string cacheDirectory,
        IReadOnlyDictionary<string, string>? contentHashes = null) =>
        Compile(revisionFiles, envFiles, cacheDirectory, contentHashes).Assemblies;

    /// <summary>The assemblies, and the ids of the revisions that provably only emit operations (<see cref="RevisionPurity"/>).</summary>
    internal static (IReadOnlyList<Assembly> Assemblies, IReadOnlySet<string> PureIds) Compile(IReadOnlyList<string> revisionFiles,
        IReadOnlyList<string> envFiles, string cacheDirectory, IReadOnlyDictionary<string, string>? contentHashes = null)
    {
        var groups = new List<(string Name, List<string> Files)>();
        var env = envFiles.Where(File.Exists).ToList();
        if (env.Count > 0) groups.Add(("env", env));
        var buckets = new List<string>[BucketCount];
        foreach (var file in revisionFiles)
        {
            var b = (int)(StableHash(Path.GetFileName(file)) % BucketCount);
            (buckets[b] ??= []).Add(file);
        }
        for (var i = 0; i < BucketCount; i++)
            if (buckets[i] is { } files) groups.Add(($"revisions{i:D2}", files));

        var results = new (Assembly Assembly, IReadOnlyList<string> Pure)[groups.Count];
        var errors = new ConcurrentBag<(string Group, IReadOnlyList<string> Lines)>();
        Parallel.For(0, groups.Count, i =>
        {
            try { results[i] = CompileGroup(groups[i].Name, groups[i].Files, cacheDirectory, contentHashes); }
            catch (CompilationFailedException e) { errors.Add((groups[i].Name, e.Diagnostics)); }
        });
        if (!errors.IsEmpty)
            throw new CompilationFailedException(errors.OrderBy(e => e.Group, StringComparer.Ordinal).SelectMany(e => e.Lines).ToList());
        return (results.Select(r => r.Assembly).ToList(), results.SelectMany(r => r.Pure).ToHashSet(StringComparer.Ordinal));
    }

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> LoadedPurity = new(StringComparer.Ordinal);

    /// <summary>The pure revision ids kept beside a cached assembly (none when the file is missing or unreadable).</summary>
    private static IReadOnlyList<string> ReadPurity(string dll) =>
        LoadedPurity.GetOrAdd(dll, d =>
        {
            try { return File.Exists(Path.ChangeExtension(d, ".pure")) ? File.ReadAllLines(Path.ChangeExtension(d, ".pure")) : []; }
            catch (IOException) { return []; }
            catch (UnauthorizedAccessException) { return []; }
        });

    private static (Assembly, IReadOnlyList<string>) CompileGroup(string name, IReadOnlyList<string> files, string cacheDirectory, IReadOnlyDictionary<string, string>? contentHashes)
    {
        // Known content hashes (from the header cache) spare reading every file just to find the cached assembly.
        var hashes = files.Select(f => contentHashes is not null && contentHashes.TryGetValue(Path.GetFullPath(f), out var h) ? h : null).ToList();
        List<(string Path, string Text)>? sources = null;
        if (hashes.Any(h => h is null))
        {
            sources = files.Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
            hashes = sources.Select(s => (string?)HeaderCache.ContentHash(s.Text)).ToList();
        }
        var key = CacheKey(name, files, hashes!);
        var dll = Path.Combine(cacheDirectory, $"{name}-{key}.dll");
        if (Loaded.TryGetValue(dll, out var already)) return (already, ReadPurity(dll));
        if (File.Exists(dll))
        {
            try { return (Loaded.GetOrAdd(dll, _ => NewContext(dll).LoadFromAssemblyPath(dll)), ReadPurity(dll)); }
            catch (BadImageFormatException) { /* a torn write from another process: rebuild below */ }
        }

        sources ??= files.Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
        var (bytes, pure) = RoslynCompiler.EmitWithPurity($"Retort.Revisions.{name}.{key[..12]}", sources);
        // The purity list first: an assembly found without one only means no revision of it is cached offline.
        TryWriteFile(Path.ChangeExtension(dll, ".pure"), System.Text.Encoding.UTF8.GetBytes(string.Join("\n", pure)));
        TryWriteCache(cacheDirectory, name, dll, bytes);
        LoadedPurity[dll] = pure;
        return (Loaded.GetOrAdd(dll, _ => NewContext(dll).LoadFromStream(new MemoryStream(bytes))), pure);
    }

    private static void TryWriteFile(string path, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Writes atomically and removes this group's stale entries; a read-only or busy cache is not an error.</summary>
    private static void TryWriteCache(string cacheDirectory, string name, string dll, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(cacheDirectory);
            var temp = dll + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, dll, overwrite: true);
            foreach (var stale in Directory.GetFiles(cacheDirectory, name + "-*.dll"))
                if (stale != dll)
                {
                    File.Delete(stale);
                    File.Delete(Path.ChangeExtension(stale, ".pure"));
                }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Its own load context per assembly, so that two caches holding the same revisions (tests, several
    /// projects in one process) can both be loaded; Retort itself still resolves from the default context.</summary>
    private static AssemblyLoadContext NewContext(string dll) => new("retort:" + dll);

    private static string CacheKey(string name, IReadOnlyList<string> files, IReadOnlyList<string?> contentHashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(name + "\0" + typeof(Migration).Assembly.ManifestModule.ModuleVersionId + "\0"));
        for (var i = 0; i < files.Count; i++)
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(files[i]) + "\0" + contentHashes[i] + "\0"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..32];
    }

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }
}

/// <summary>
/// The Roslyn side, kept apart so that loading cached assemblies never loads the compiler (a warm start stays fast).
/// </summary>
internal static class RoslynCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private const string GlobalUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\nglobal using Retort;\nglobal using Retort.Ops;\n";

    public static byte[] Emit(string assemblyName, IReadOnlyList<(string Path, string Text)> sources) =>
        EmitWithPurity(assemblyName, sources).Bytes;

    /// <summary>The assembly, and the ids of its revisions that provably only emit operations.</summary>
    public static (byte[] Bytes, IReadOnlyList<string> PureIds) EmitWithPurity(string assemblyName, IReadOnlyList<(string Path, string Text)> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, ScriptDirectory.RelativePath(s.Path), Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.g.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: true));
        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        if (!result.Success)
        {
            var lines = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .Select(d => d.ToString())
                .ToList();
            throw new CompilationFailedException(lines);
        }
        return (peStream.ToArray(), RevisionPurity.PureRevisionIds(compilation));
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var refs = new List<MetadataReference>();
        foreach (var path in tpa)
        {
            var file = Path.GetFileName(path);
            if (file.StartsWith("System.", StringComparison.Ordinal) || file is "netstandard.dll" or "mscorlib.dll"
                || file.StartsWith("Microsoft.Data.", StringComparison.Ordinal) || file is "Npgsql.dll" or "MySqlConnector.dll")
                refs.Add(MetadataReference.CreateFromFile(path));
        }
        refs.Add(MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location));
        return refs;
    }
}

/// <summary>Revision or env code that does not compile: one <c>file(line,col): error CSxxxx: message</c> per line.</summary>
public sealed class CompilationFailedException(IReadOnlyList<string> diagnostics)
    : RetortException($"{diagnostics.Count} compile error(s) in the migration scripts; nothing was run:\n" + string.Join("\n", diagnostics))
{
    public IReadOnlyList<string> Diagnostics { get; } = diagnostics;
}
