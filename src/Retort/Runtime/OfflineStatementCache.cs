using System.Security.Cryptography;
using System.Text;
using Retort.Configuration;
using Retort.Dialects;

using Retort.Scripting;

namespace Retort.Runtime;

/// <summary>
/// The offline SQL of revisions that provably only emit operations (<see cref="RevisionPurity"/>), kept between
/// runs in <c>.retort-cache/sql-&lt;dialect&gt;-&lt;key&gt;.bin</c>. The key covers everything else the SQL may depend on:
/// Retort's build, the dialect, the env file and model sources, retort.toml, the -x arguments and the database
/// name; each entry is keyed by the revision file's content hash and the direction. A replayed revision is
/// neither loaded nor JIT-compiled: `upgrade --sql` of 5000 revisions spent most of its time doing that.
/// </summary>
internal sealed class OfflineStatementCache
{
    private const int FormatVersion = 1;
    private readonly string _file;
    private readonly IReadOnlyDictionary<string, string> _hashById;
    private readonly IReadOnlySet<string> _pure;
    private readonly SqlDialect _dialect;
    private readonly Dictionary<string, SqlStatement[]> _entries;
    private bool _dirty;

    private OfflineStatementCache(string file, IReadOnlyDictionary<string, string> hashById, IReadOnlySet<string> pure, SqlDialect dialect,
        Dictionary<string, SqlStatement[]> entries)
    {
        _file = file;
        _hashById = hashById;
        _pure = pure;
        _dialect = dialect;
        _entries = entries;
    }

    /// <summary>The cache for this run, or null when revisions come from an application assembly or none is pure.</summary>
    public static OfflineStatementCache? Open(ScriptDirectory scripts, RevisionSource source, RetortConfig config, SqlDialect dialect)
    {
        if (scripts.ContentHashById is not { } hashes || source.PureIds.Count == 0) return null;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => sha.AppendData(Encoding.UTF8.GetBytes(s + "\0"));
        Add(FormatVersion.ToString());
        Add(typeof(Migration).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(dialect.GetType().FullName ?? dialect.Name);
        Add(config.DatabaseName);
        foreach (var input in scripts.EnvFiles.Append(config.ConfigFile ?? ""))
            Add(input + "\0" + (input.Length > 0 && File.Exists(input) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(input))) : "-"));
        foreach (var (k, v) in config.XArgs.OrderBy(p => p.Key, StringComparer.Ordinal)) Add(k + "=" + v);
        Add(config.NamingConvention.ToString()); // it names what the revisions leave unnamed
        var key = Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
        var dir = Path.Combine(scripts.Directory, RevisionCompiler.CacheFolderName);
        var file = Path.Combine(dir, $"sql-{Safe(dialect.Name)}-{key}.bin");
        return new OfflineStatementCache(file, hashes, source.PureIds, dialect, Read(file));
    }

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private string? EntryKey(string revisionId, bool upgrade) =>
        _pure.Contains(revisionId) && _hashById.TryGetValue(revisionId, out var hash) ? hash + (upgrade ? "+" : "-") : null;

    public bool TryGet(string revisionId, bool upgrade, out IReadOnlyList<SqlStatement> statements)
    {
        statements = [];
        if (EntryKey(revisionId, upgrade) is not { } key || !_entries.TryGetValue(key, out var found)) return false;
        statements = found;
        return true;
    }

    /// <summary>Whether the statements of this step should be collected for <see cref="Put"/>.</summary>
    public bool Wants(string revisionId, bool upgrade) => EntryKey(revisionId, upgrade) is not null;

    /// <summary>Keeps a pure revision's statements, rendered as the offline script prints them.</summary>
    public void Put(string revisionId, bool upgrade, IReadOnlyList<SqlStatement> statements)
    {
        if (EntryKey(revisionId, upgrade) is not { } key) return;
        _entries[key] = statements.Select(s => new SqlStatement(_dialect.RenderInline(s)) { OutsideTransaction = s.OutsideTransaction }).ToArray();
        _dirty = true;
    }

    /// <summary>Writes the cache when it gained entries; a read-only or busy cache folder is not an error.</summary>
    public void Save()
    {
        if (!_dirty) return;
        var written = CacheFile.Write(_file, FormatVersion, writer =>
        {
            writer.Write(_entries.Count);
            foreach (var (key, statements) in _entries)
            {
                writer.Write(key);
                writer.Write(statements.Length);
                foreach (var s in statements)
                {
                    writer.Write(s.Sql);
                    writer.Write(s.OutsideTransaction);
                }
            }
        });
        if (!written) return;
        _dirty = false;
        // One file per dialect: the others of this dialect were for an older env file, config or Retort.
        try
        {
            var prefix = Path.GetFileName(_file)[..(Path.GetFileName(_file).LastIndexOf('-') + 1)];
            foreach (var stale in Directory.GetFiles(Path.GetDirectoryName(_file)!, prefix + "*.bin"))
                if (stale != _file) File.Delete(stale);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static Dictionary<string, SqlStatement[]> Read(string file) =>
        CacheFile.Read(file, FormatVersion, reader =>
        {
            var count = reader.ReadInt32();
            var map = new Dictionary<string, SqlStatement[]>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var statements = new SqlStatement[reader.ReadInt32()];
                for (var k = 0; k < statements.Length; k++)
                    statements[k] = new SqlStatement(reader.ReadString()) { OutsideTransaction = reader.ReadBoolean() };
                map[key] = statements;
            }
            return map;
        }) ?? new Dictionary<string, SqlStatement[]>(StringComparer.Ordinal); // none, torn or foreign: run the revisions and write it again
}
