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
    internal const string EnvGroupName = "env";

    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);

    /// <summary>Compiles (or loads from cache) the given files; throws <see cref="CompilationFailedException"/> on errors.</summary>
    public static IReadOnlyList<Assembly> CompileAll(IReadOnlyList<string> revisionFiles, IReadOnlyList<string> envFiles, string cacheDirectory,
        IReadOnlyDictionary<string, string>? contentHashes = null) =>
        Compile(revisionFiles, envFiles, cacheDirectory, contentHashes).Assemblies;

    /// <summary>The assemblies, and the ids of the revisions that provably only emit operations (<see cref="RevisionPurity"/>).</summary>
    internal static (IReadOnlyList<Assembly> Assemblies, IReadOnlySet<string> PureIds) Compile(IReadOnlyList<string> revisionFiles,
        IReadOnlyList<string> envFiles, string cacheDirectory, IReadOnlyDictionary<string, string>? contentHashes = null)
    {
        var files = new List<RevisionFile>(revisionFiles.Count);
        foreach (var f in revisionFiles)
            files.Add(new RevisionFile(f, contentHashes is not null && contentHashes.TryGetValue(Path.GetFullPath(f), out var h) ? h : null));
        var groups = Prepare(files, envFiles, cacheDirectory);
        var assemblies = new List<Assembly>(groups.Count);
        var pure = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var part in g.Parts) assemblies.Add(part.Assembly);
            pure.UnionWith(g.PureIds);
        }
        return (assemblies, pure);
    }

    /// <summary>
    /// The env group first, then the revision buckets that have files. A bucket found in the cache is not loaded
    /// until a revision of it runs (an offline run served from the SQL cache loads none); the missing ones are
    /// compiled now, in parallel, so that compile errors come before anything runs. Without <c>allowPatches</c> every bucket
    /// is one whole assembly, none patched (a bundle carries them so).
    /// </summary>
    internal static IReadOnlyList<CompiledGroup> Prepare(IReadOnlyList<RevisionFile> revisionFiles, IReadOnlyList<string> envFiles, string cacheDirectory,
        IReadOnlyList<string>? references = null, bool allowPatches = true)
    {
        var linked = new LinkedAssemblies(references ?? []);
        var groups = new List<CompiledGroup>();
        var env = new List<RevisionFile>();
        foreach (var f in envFiles)
            if (File.Exists(f)) env.Add(new RevisionFile(f, null));
        // The env file and the shared code beside it come first: every revision bucket references that assembly, so
        // its cache key is part of theirs.
        CompiledGroup? shared = null;
        if (env.Count > 0)
        {
            shared = new CompiledGroup(EnvGroupName, env, cacheDirectory, null, linked, allowPatches: false);
            groups.Add(shared);
            if (!shared.TryFindCached()) shared.CompileNow();
        }
        var buckets = new List<RevisionFile>?[BucketCount];
        foreach (var file in revisionFiles)
            (buckets[(int)(StableHash(Path.GetFileName(file.Path)) % BucketCount)] ??= []).Add(file);
        for (var i = 0; i < BucketCount; i++)
            if (buckets[i] is { } files) groups.Add(new CompiledGroup($"revisions{i:D2}", files, cacheDirectory, shared, linked, allowPatches));

        var missing = new List<CompiledGroup>();
        foreach (var g in groups)
            if (g != shared && !g.TryFindCached()) missing.Add(g);
        if (missing.Count == 1) missing[0].CompileNow();
        else if (missing.Count > 1)
        {
            Parallel.ForEach(missing, g =>
            {
                try { g.CompileNow(); }
                catch (CompilationFailedException) { /* kept in g.Failure, reported below in group order */ }
            });
            if (missing.Any(g => g.Failure is not null))
                throw new CompilationFailedException(missing.Where(g => g.Failure is not null).SelectMany(g => g.Failure!.Diagnostics).ToList());
        }
        return groups;
    }

    /// <summary>A revision file and, when the header cache knows it, its content hash.</summary>
    internal sealed record RevisionFile(string Path, string? ContentHash);

    /// <summary>
    /// One assembly of the cache: the env files or one bucket of revision files. A bucket whose files changed a little
    /// since it was last compiled whole is compiled as a patch: only the changed files, beside the whole assembly,
    /// which keeps serving the unchanged ones (<see cref="CompiledFiles"/>).
    /// </summary>
    internal sealed class CompiledGroup
    {
        private readonly IReadOnlyList<RevisionFile> _files;
        private readonly string _cacheDirectory;
        private readonly CompiledGroup? _shared;
        private readonly LinkedAssemblies _linked;
        private readonly bool _allowPatches;
        private string[]? _texts;
        private string[] _hashes = [];
        private string _key = "", _dll = "", _context = "";
        private Assembly? _assembly;
        private Layer? _base;

        /// <summary>The whole assembly a patch patches, and the revision ids it still serves.</summary>
        private sealed record Layer(string Dll, IReadOnlySet<string> Ids);

        // shared: the env group, whose assembly (env.cs and the shared code) this group's code may use.
        public CompiledGroup(string name, IReadOnlyList<RevisionFile> files, string cacheDirectory, CompiledGroup? shared, LinkedAssemblies linked,
            bool allowPatches)
        {
            _linked = linked;
            Name = name;
            _files = files;
            _cacheDirectory = cacheDirectory;
            _shared = shared;
            _allowPatches = allowPatches;
        }

        /// <summary>This group's assembly for the compiler: the cached file, or the image just emitted when the cache is read-only.</summary>
        private MetadataReference Reference =>
            Images.TryGetValue(_dll, out var image) ? MetadataReference.CreateFromImage(image) : MetadataReference.CreateFromFile(_dll);

        public string Name { get; }

        public IReadOnlyList<string> PureIds { get; private set; } = [];

        /// <summary>How many files this process compiled for the group (a patch: only the changed ones); 0 when cached.</summary>
        public int FilesCompiled { get; private set; }

        /// <summary>Set when <see cref="CompileNow"/> failed.</summary>
        public CompilationFailedException? Failure { get; private set; }

        /// <summary>The assembly's bytes as compiled (a migration bundle carries them): this process's image, else the cached file.</summary>
        public byte[] Image
        {
            get
            {
                _ = Assembly; // compiled again when the cached file was torn
                if (_base is not null) throw new InvalidOperationException($"{Name} is a patch: prepare without patches to take its image.");
                return Images.TryGetValue(_dll, out var image) ? image : File.ReadAllBytes(_dll);
            }
        }

        /// <summary>Loaded on first use; a cached file that turns out torn is compiled again.</summary>
        public Assembly Assembly => _assembly ??= Load();

        /// <summary>The assemblies serving this group's revisions, each with the ids it serves (null: every one it declares).</summary>
        public IReadOnlyList<(Assembly Assembly, IReadOnlySet<string>? Ids)> Parts
        {
            get
            {
                var own = Assembly;
                return _base is { } b ? [(LoadCached(b.Dll, _shared, _linked), b.Ids), (own, null)] : [(own, null)];
            }
        }

        /// <summary>Whether this group's assembly is in the cache (its purity list read); nothing is loaded.</summary>
        public bool TryFindCached()
        {
            // Known content hashes (from the header cache) spare reading every file just to find the cached assembly.
            var hashes = new string[_files.Count];
            for (var i = 0; i < hashes.Length; i++)
            {
                if (_files[i].ContentHash is { } known) { hashes[i] = known; continue; }
                hashes[i] = HeaderCache.ContentHash(Texts()[i]);
            }
            _hashes = hashes;
            _context = typeof(Migration).Assembly.ManifestModule.ModuleVersionId + "/" + _shared?._key + "/" + _linked.Fingerprint;
            _key = CacheKey(Name, _files, hashes, _context);
            _dll = Path.Combine(_cacheDirectory, $"{Name}-{_key}.dll");
            if (Loaded.TryGetValue(_dll, out var already)) _assembly = already;
            else if (!File.Exists(_dll)) return false;
            if (_allowPatches && CompiledFilesOf(_dll) is { Base: { } baseName })
            {
                var baseDll = Path.Combine(_cacheDirectory, baseName);
                if (!File.Exists(baseDll) || CompiledFilesOf(baseDll) is not { } whole)
                {
                    _assembly = null;
                    return false; // the whole assembly it patched is gone: compile again
                }
                _base = new Layer(baseDll, whole.Unchanged(HashByName(), out _));
                PureIds = [.. ReadPurity(_dll), .. ReadPurity(baseDll).Where(_base.Ids.Contains)];
                return true;
            }
            if (!_allowPatches && CompiledFilesOf(_dll) is { Base: not null })
            {
                _assembly = null;
                return false;
            }
            PureIds = ReadPurity(_dll);
            return true;
        }

        public void CompileNow()
        {
            try { _assembly = Emit(); }
            catch (CompilationFailedException e)
            {
                Failure = e;
                throw;
            }
        }

        private Assembly Load()
        {
            try { return LoadCached(_dll, _shared, _linked); }
            catch (BadImageFormatException) { return Emit(); } // a torn write from another process: rebuild
        }

        private Assembly Emit()
        {
            var patch = _allowPatches ? FindBase() : null;
            var compiled = patch?.Changed ?? Enumerable.Range(0, _files.Count).ToList();
            var (bytes, pure, ids) = RoslynCompiler.EmitWithPurity($"Retort.Revisions.{Name}.{_key[..12]}",
                compiled.Select(i => (_files[i].Path, Text(i))).ToList(),
                [.. _linked.References, .. _shared is null ? [] : new[] { _shared.Reference }]);
            _base = patch?.Base;
            Images[_dll] = bytes;
            // The purity list first: an assembly found without one only means no revision of it is cached offline.
            CacheFile.WriteAtomically(Path.ChangeExtension(_dll, ".pure"), System.Text.Encoding.UTF8.GetBytes(string.Join("\n", pure)));
            var record = new CompiledFiles(_context, _base is null ? null : Path.GetFileName(_base.Dll),
                compiled.Select((f, n) => new CompiledFiles.Entry(Path.GetFileName(_files[f].Path), _hashes[f], ids[n])).ToList());
            record.Write(_dll);
            LoadedFiles[_dll] = record;
            TryWriteCache(_cacheDirectory, Name, _dll, bytes, keep: _base?.Dll);
            LoadedPurity[_dll] = pure;
            PureIds = _base is null ? pure : [.. pure, .. ReadPurity(_base.Dll).Where(_base.Ids.Contains)];
            FilesCompiled = compiled.Count;
            // Replaces what this process loaded under the same name: a patch compiled whole again (a bundle) is new code.
            return Loaded[_dll] = NewContext(_dll, _shared, _linked).LoadFromStream(new MemoryStream(bytes));
        }

        /// <summary>
        /// The whole assembly of this bucket, compiled against the same env and Retort build, that serves most of the
        /// bucket's files unchanged, and the files it does not serve; null when a patch would not pay (a bucket with no
        /// such assembly, or with more than a quarter of its files changed, is compiled whole).
        /// </summary>
        private (Layer Base, List<int> Changed)? FindBase()
        {
            if (!Directory.Exists(_cacheDirectory)) return null;
            var hashByName = HashByName();
            (string Dll, HashSet<string> Ids, int Count)? best = null;
            foreach (var record in Directory.GetFiles(_cacheDirectory, Name + "-*.files"))
            {
                var dll = Path.ChangeExtension(record, ".dll");
                if (dll == _dll || !File.Exists(dll) || CompiledFilesOf(dll) is not { Base: null } whole || whole.Context != _context) continue;
                var ids = whole.Unchanged(hashByName, out var count);
                if (best is null || count > best.Value.Count) best = (dll, ids, count);
            }
            if (best is not { } found) return null;
            var served = CompiledFilesOf(found.Dll)!.Files.ToDictionary(e => e.Name, e => e.ContentHash, StringComparer.Ordinal);
            var changed = new List<int>();
            for (var i = 0; i < _files.Count; i++)
                if (!served.TryGetValue(Path.GetFileName(_files[i].Path), out var hash) || hash != _hashes[i]) changed.Add(i);
            if (changed.Count == _files.Count || changed.Count > Math.Max(8, _files.Count / 4)) return null;
            return (new Layer(found.Dll, found.Ids), changed);
        }

        private Dictionary<string, string> HashByName()
        {
            var map = new Dictionary<string, string>(_files.Count, StringComparer.Ordinal);
            for (var i = 0; i < _files.Count; i++) map[Path.GetFileName(_files[i].Path)] = _hashes[i];
            return map;
        }

        private string Text(int i) => _texts?[i] ?? File.ReadAllText(_files[i].Path);

        private string[] Texts()
        {
            if (_texts is not null) return _texts;
            _texts = new string[_files.Count];
            for (var i = 0; i < _texts.Length; i++) _texts[i] = File.ReadAllText(_files[i].Path);
            return _texts;
        }
    }

    private static Assembly LoadCached(string dll, CompiledGroup? shared, LinkedAssemblies linked) =>
        Loaded.GetOrAdd(dll, d => NewContext(d, shared, linked).LoadFromAssemblyPath(d));

    private static readonly ConcurrentDictionary<string, CompiledFiles?> LoadedFiles = new(StringComparer.Ordinal);

    private static CompiledFiles? CompiledFilesOf(string dll) => LoadedFiles.GetOrAdd(dll, d => CompiledFiles.Read(d));

    // Assemblies emitted by this process, by cache path: the compiler's reference to the shared assembly when its
    // cache file could not be written.
    private static readonly ConcurrentDictionary<string, byte[]> Images = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> LoadedPurity = new(StringComparer.Ordinal);

    /// <summary>The pure revision ids kept beside a cached assembly (none when the file is missing or unreadable).</summary>
    private static IReadOnlyList<string> ReadPurity(string dll) =>
        LoadedPurity.GetOrAdd(dll, d =>
        {
            try { return File.ReadAllLines(Path.ChangeExtension(d, ".pure")); }
            catch (IOException) { return []; } // FileNotFoundException included
            catch (UnauthorizedAccessException) { return []; }
        });

    /// <summary>
    /// Writes atomically and removes this group's stale entries (all but <paramref name="keep"/>, the whole assembly a
    /// patch patches); a read-only or busy cache is not an error.
    /// </summary>
    private static void TryWriteCache(string cacheDirectory, string name, string dll, byte[] bytes, string? keep)
    {
        if (!CacheFile.WriteAtomically(dll, bytes)) return;
        try
        {
            foreach (var stale in Directory.GetFiles(cacheDirectory, name + "-*.dll"))
                if (stale != dll && stale != keep)
                {
                    File.Delete(stale);
                    File.Delete(Path.ChangeExtension(stale, ".pure"));
                    File.Delete(Path.ChangeExtension(stale, ".files"));
                }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Its own load context per assembly, so that two caches holding the same revisions (tests, several
    /// projects in one process) can both be loaded; Retort itself still resolves from the default context, and a
    /// revision bucket's reference to the shared (env) assembly resolves to that group's loaded assembly.</summary>
    private static AssemblyLoadContext NewContext(string dll, CompiledGroup? shared, LinkedAssemblies linked)
    {
        var context = new AssemblyLoadContext("retort:" + dll);
        context.Resolving += (_, name) =>
            shared is not null && name.Name == shared.Assembly.GetName().Name ? shared.Assembly : linked.Load(name);
        return context;
    }

    /// <summary>The application's assemblies (<c>references</c> in retort.toml) that env.cs and the revisions compile against.</summary>
    internal sealed class LinkedAssemblies(IReadOnlyList<string> dlls)
    {
        public string Fingerprint { get; } = ProjectReferences.Fingerprint(dlls);

        public IReadOnlyList<MetadataReference> References => dlls.Select(d => (MetadataReference)MetadataReference.CreateFromFile(d)).ToList();

        /// <summary>Loads one of them, with its own dependencies beside it, the host's assemblies shared (as provider plugins are).</summary>
        public Assembly? Load(AssemblyName name) =>
            dlls.FirstOrDefault(d => string.Equals(Path.GetFileNameWithoutExtension(d), name.Name, StringComparison.OrdinalIgnoreCase)) is { } dll
                ? Configuration.ProviderAssemblies.LoadAssembly(dll)
                : null;
    }

    private static string CacheKey(string name, IReadOnlyList<RevisionFile> files, IReadOnlyList<string> contentHashes, string? sharedKey)
    {
        // One buffer, one hash call: an AppendData per file was 5000 calls into OpenSSL.
        var text = new StringBuilder(name).Append('\0').Append(typeof(Migration).Assembly.ManifestModule.ModuleVersionId).Append('\0')
            .Append(sharedKey).Append('\0');
        for (var i = 0; i < files.Count; i++) text.Append(Path.GetFileName(files[i].Path)).Append('\0').Append(contentHashes[i]).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
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
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n" +
        "global using Retort;\nglobal using Retort.Ops;\n";

    public static byte[] Emit(string assemblyName, IReadOnlyList<(string Path, string Text)> sources) =>
        EmitWithPurity(assemblyName, sources, []).Bytes;

    /// <summary>
    /// The assembly, the ids of its revisions that provably only emit operations, and the revision ids each source
    /// declares (by its index in <paramref name="sources"/>).
    /// </summary>
    public static (byte[] Bytes, IReadOnlyList<string> PureIds, IReadOnlyList<string>[] IdsBySource) EmitWithPurity(string assemblyName, IReadOnlyList<(string Path, string Text)> sources,
        IReadOnlyList<MetadataReference> extraReferences)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, ScriptDirectory.RelativePath(s.Path), Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.g.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value.Concat(extraReferences),
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
        var index = new Dictionary<SyntaxTree, int>();
        for (var i = 0; i < sources.Count; i++) index[trees[i]] = i;
        var ids = new List<string>[sources.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = [];
        var pure = new List<string>();
        foreach (var (tree, id, isPure) in RevisionPurity.Revisions(compilation))
        {
            if (index.TryGetValue(tree, out var i)) ids[i].Add(id);
            if (isPure) pure.Add(id);
        }
        return (peStream.ToArray(), pure, ids);
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
